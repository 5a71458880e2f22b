import KealmYAML

/// The builtin `IAMPolicyGenerator` (cloud `gke`): a ServiceAccount annotated with the Google
/// service account it impersonates through workload identity.
enum IAMPolicyGenerator {
    static func make(_ c: YAMLNode, ctx: TransformContext) throws(OverlayError) -> Resource {
        guard c.string(at: "cloud") == "gke" else {
            throw OverlayError(.invalid, "IAMPolicyGenerator supports cloud: gke only", file: ctx.file, field: "cloud")
        }
        guard let ksa = c.string(at: "kubernetesService", "name"), let gsa = c.string(at: "serviceAccount", "name"),
            let project = c.string(at: "serviceAccount", "projectId")
        else {
            throw OverlayError(.invalid, "IAMPolicyGenerator needs kubernetesService.name, serviceAccount.name and serviceAccount.projectId",
                file: ctx.file, field: "generators")
        }
        var meta: [YAMLPair] = [
            YAMLPair("annotations", .mapping([YAMLPair("iam.gke.io/gcp-service-account", .string("\(gsa)@\(project).iam.gserviceaccount.com"))])),
            YAMLPair("name", .string(ksa)),
        ]
        if let ns = c.string(at: "kubernetesService", "namespace"), !ns.isEmpty { meta.append(YAMLPair("namespace", .string(ns))) }
        return Resource(node: .mapping([YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("ServiceAccount")),
            YAMLPair("metadata", .mapping(meta))]))
    }
}
