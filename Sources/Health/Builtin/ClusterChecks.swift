import KealmYAML

/// HorizontalPodAutoscaler, APIService, CustomResourceDefinition and Namespace.
enum ClusterChecks {
    static func hpa(_ o: YAMLNode) -> HealthAssessment? {
        let conditions = o.conditions()
        for c in conditions where c.isFalse && (c.type == "AbleToScale" || c.type == "ScalingActive") && c.reason.hasPrefix("Failed") {
            return HealthAssessment(.degraded, c.text)
        }
        if conditions.contains(where: { ($0.type == "AbleToScale" || $0.type == "ScalingActive") && $0.isTrue }) {
            return HealthAssessment(.healthy, conditions.first { $0.type == "ScalingLimited" && $0.isTrue }?.text ?? "autoscaler is active")
        }
        if let current = o.int("status", "currentReplicas"), current > 0, conditions.isEmpty {
            return HealthAssessment(.healthy, "\(current) replicas")
        }
        return HealthAssessment(.progressing, "Waiting to Autoscale")
    }

    static func apiService(_ o: YAMLNode) -> HealthAssessment? {
        guard let available = o.condition("Available") else { return HealthAssessment(.progressing, "Waiting to be processed") }
        if available.isTrue { return HealthAssessment(.healthy, available.message.isEmpty ? "available" : available.message) }
        return HealthAssessment(.progressing, available.text)
    }

    static func crd(_ o: YAMLNode) -> HealthAssessment? {
        let conditions = o.conditions()
        if let c = conditions.first(where: { $0.type == "NamesAccepted" && $0.isFalse }) {
            return HealthAssessment(.degraded, "names not accepted: \(c.text)")
        }
        if let c = conditions.first(where: { $0.type == "NonStructuralSchema" && $0.isTrue }) {
            return HealthAssessment(.degraded, "schema is not structural: \(c.text)")
        }
        if conditions.contains(where: { $0.type == "Terminating" && $0.isTrue }) {
            return HealthAssessment(.progressing, "CRD is terminating")
        }
        if let est = conditions.first(where: { $0.type == "Established" }) {
            if est.isTrue { return HealthAssessment(.healthy, "CRD is established") }
            if est.isFalse { return HealthAssessment(.degraded, "CRD is not established: \(est.text)") }
        }
        return HealthAssessment(.progressing, "waiting for the CRD to be established")
    }

    static func namespace(_ o: YAMLNode) -> HealthAssessment? {
        switch o.string(at: "status", "phase") ?? "Active" {
        case "Active": return HealthAssessment(.healthy, "")
        case "Terminating": return HealthAssessment(.progressing, "namespace is terminating")
        case let p: return HealthAssessment(.unknown, "namespace phase is \(p)")
        }
    }
}
