import KealmYAML

/// Services of type LoadBalancer and Ingresses: healthy once the load balancer has an address.
enum NetworkChecks {
    static func hasIngress(_ o: YAMLNode) -> Bool {
        (o[path: ["status", "loadBalancer", "ingress"]]?.items ?? []).contains { $0.string(at: "ip") != nil || $0.string(at: "hostname") != nil }
    }

    static func addresses(_ o: YAMLNode) -> String {
        (o[path: ["status", "loadBalancer", "ingress"]]?.items ?? []).compactMap { $0.string(at: "ip") ?? $0.string(at: "hostname") }
            .joined(separator: ", ")
    }

    static func service(_ o: YAMLNode) -> HealthAssessment? {
        guard o.string(at: "spec", "type") == "LoadBalancer" else { return HealthAssessment(.healthy, "") }
        if hasIngress(o) { return HealthAssessment(.healthy, "load balancer at \(addresses(o))") }
        return HealthAssessment(.progressing, "waiting for the load balancer to get an address")
    }

    static func ingress(_ o: YAMLNode) -> HealthAssessment? {
        if hasIngress(o) { return HealthAssessment(.healthy, "ingress at \(addresses(o))") }
        return HealthAssessment(.progressing, "waiting for the ingress controller to assign an address")
    }
}
