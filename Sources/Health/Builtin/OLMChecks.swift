import KealmYAML

/// Operator Lifecycle Manager: Subscription and ClusterServiceVersion.
enum OLMChecks {
    /// Subscription: failing conditions are Degraded, a pending install plan is Progressing (saying
    /// when it waits for a manual approval), `state: AtLatestKnown` is Healthy, anything else Progressing.
    static func subscription(_ o: YAMLNode) -> HealthAssessment? {
        let conditions = o.conditions()
        for c in conditions where c.isTrue {
            switch c.type {
            case "CatalogSourcesUnhealthy", "InstallPlanFailed", "ResolutionFailed", "InstallPlanMissing":
                return HealthAssessment(.degraded, "\(c.type): \(c.text)")
            case "InstallPlanPending" where c.reason == "RequiresApproval":
                return HealthAssessment(.progressing, "install plan waits for manual approval")
            default: continue
            }
        }
        switch o.string(at: "status", "state") ?? "" {
        case "AtLatestKnown":
            return HealthAssessment(.healthy, "installed \(o.string(at: "status", "installedCSV") ?? "")")
        case "UpgradeAvailable":
            return HealthAssessment(.healthy, "an upgrade is available")
        case "UpgradePending":
            return HealthAssessment(.progressing, "upgrade pending to \(o.string(at: "status", "currentCSV") ?? "?")")
        case "": return HealthAssessment(.progressing, "No status available")
        case let s: return HealthAssessment(.progressing, s)
        }
    }

    /// ClusterServiceVersion by phase: Succeeded is Healthy, Failed Degraded, install phases Progressing.
    static func clusterServiceVersion(_ o: YAMLNode) -> HealthAssessment? {
        let phase = o.string(at: "status", "phase") ?? ""
        let msg = o.string(at: "status", "message") ?? phase
        switch phase {
        case "Succeeded": return HealthAssessment(.healthy, msg)
        case "Failed": return HealthAssessment(.degraded, msg)
        case "Pending", "InstallReady", "Installing", "Replacing", "Deleting", "":
            return HealthAssessment(.progressing, msg.isEmpty ? "No status available" : msg)
        case "Unknown": return HealthAssessment(.unknown, msg)
        default: return HealthAssessment(.progressing, msg)
        }
    }
}
