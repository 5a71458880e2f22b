import KealmYAML

/// Pods: phase, container waiting reasons that mean a crash or pull failure, readiness.
enum PodCheck {
    /// Waiting reasons that mean the pod will not recover without a change.
    static func isErrorReason(_ reason: String) -> Bool {
        reason.hasPrefix("Err") || reason.hasSuffix("Error") || reason.hasSuffix("BackOff")
            || reason == "InvalidImageName" || reason == "CreateContainerConfigError"
    }

    static func assess(_ o: YAMLNode) -> HealthAssessment? {
        let restartPolicy = o.string(at: "spec", "restartPolicy") ?? "Always"
        let statuses = (o[path: ["status", "initContainerStatuses"]]?.items ?? []) + (o[path: ["status", "containerStatuses"]]?.items ?? [])
        for s in statuses {
            if let waiting = s[path: ["state", "waiting"]], let reason = waiting.string(at: "reason"), isErrorReason(reason) {
                let name = s.string(at: "name") ?? "?"
                let msg = waiting.string(at: "message").map { ": \($0)" } ?? ""
                return HealthAssessment(.degraded, "container \(name) is \(reason)\(msg)")
            }
        }
        let message = o.string(at: "status", "message") ?? ""
        switch o.string(at: "status", "phase") ?? "" {
        case "Pending":
            return HealthAssessment(.progressing, message.isEmpty ? "pod is pending" : message)
        case "Succeeded":
            return HealthAssessment(.healthy, message.isEmpty ? "pod completed" : message)
        case "Failed":
            if !message.isEmpty { return HealthAssessment(.degraded, message) }
            for s in statuses {
                if let term = s[path: ["state", "terminated"]], (term.int("exitCode") ?? 0) != 0 {
                    return HealthAssessment(.degraded, "container \(s.string(at: "name") ?? "?") exited with code \(term.int("exitCode") ?? 0)")
                }
            }
            return HealthAssessment(.degraded, "pod failed")
        case "Running":
            if restartPolicy == "Always" {
                if o.condition("Ready")?.isTrue == true { return HealthAssessment(.healthy, message.isEmpty ? "pod is running and ready" : message) }
                return HealthAssessment(.progressing, "pod is running but not ready")
            }
            return HealthAssessment(.progressing, "pod is running")
        case "":
            return HealthAssessment(.progressing, "pod has no status yet")
        default:
            return HealthAssessment(.unknown, message.isEmpty ? "pod phase is \(o.string(at: "status", "phase") ?? "")" : message)
        }
    }
}
