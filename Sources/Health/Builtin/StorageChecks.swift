import KealmYAML

/// PersistentVolumeClaims: Bound is Healthy, Pending is Progressing, Lost is Degraded.
enum StorageChecks {
    static func pvc(_ o: YAMLNode) -> HealthAssessment? {
        switch o.string(at: "status", "phase") ?? "" {
        case "Bound": return HealthAssessment(.healthy, "claim is bound")
        case "Pending", "": return HealthAssessment(.progressing, "claim is pending")
        case "Lost": return HealthAssessment(.degraded, "claim lost its volume")
        case let p: return HealthAssessment(.unknown, "claim phase is \(p)")
        }
    }
}
