import KealmYAML

/// Jobs (Complete / Failed / suspended) and CronJobs (suspended, last run result).
enum BatchChecks {
    static func job(_ o: YAMLNode) -> HealthAssessment? {
        for c in o.conditions() where c.isTrue {
            switch c.type {
            case "Failed", "FailureTarget": return HealthAssessment(.degraded, c.message.isEmpty ? "job failed: \(c.reason)" : c.message)
            case "Complete", "SuccessCriteriaMet": return HealthAssessment(.healthy, c.message.isEmpty ? "job completed" : c.message)
            case "Suspended": return HealthAssessment(.suspended, c.message.isEmpty ? "job is suspended" : c.message)
            default: continue
            }
        }
        if o.bool("spec", "suspend") == true { return HealthAssessment(.suspended, "job is suspended") }
        let active = o.int("status", "active") ?? 0
        return HealthAssessment(.progressing, active > 0 ? "job is running (\(active) active)" : "job has not finished")
    }

    static func cronJob(_ o: YAMLNode) -> HealthAssessment? {
        if o.bool("spec", "suspend") == true { return HealthAssessment(.suspended, "CronJob is suspended") }
        guard let lastSchedule = o.string(at: "status", "lastScheduleTime") else {
            return HealthAssessment(.healthy, "CronJob has not scheduled a job yet")
        }
        let lastSuccess = o.string(at: "status", "lastSuccessfulTime") ?? ""
        // RFC 3339 timestamps in UTC compare correctly as strings.
        if lastSuccess.isEmpty || lastSchedule > lastSuccess {
            if !(o[path: ["status", "active"]]?.items ?? []).isEmpty { return HealthAssessment(.progressing, "a job is running") }
            return HealthAssessment(.degraded, "the last job failed")
        }
        return HealthAssessment(.healthy, "the last job succeeded")
    }
}
