import KealmYAML

/// `replicas:` — sets `spec.replicas` (or the configured field) of the named workloads,
/// matching the name the object has now or had before renames.
struct ReplicaTransformer {
    let name: String
    let count: YAMLNode
    let file: String

    init(node: YAMLNode, file: String) throws(OverlayError) {
        guard let n = node.string(at: "name") else {
            throw OverlayError(.invalid, "a replicas entry needs a name", file: file, field: "replicas")
        }
        guard let c = node["count"], c.intValue != nil else {
            throw OverlayError(.invalid, "replicas entry \(n) needs an integer count", file: file, field: "replicas.count")
        }
        name = n
        count = c
        self.file = file
    }

    func apply(to set: inout ResourceSet, specs: [FieldSpec]) throws(OverlayError) {
        var found = false
        for i in set.resources.indices {
            var r = set[i]
            var touched = false
            for spec in specs where r.allIDs.contains(where: { $0.name == name && spec.applies(to: $0.gvk) }) {
                found = true
                touched = true
                FieldWalker.visit(&r.node, spec.path[...], create: spec.create) { v in v = .int(count.intValue!) }
            }
            if touched { set[i] = r }
        }
        if !found {
            throw OverlayError(.notFound, "resource with name \(name) does not match a config with the replicas field specs",
                file: file, field: "replicas", hint: "name a Deployment, ReplicaSet, ReplicationController or StatefulSet of the build")
        }
    }
}
