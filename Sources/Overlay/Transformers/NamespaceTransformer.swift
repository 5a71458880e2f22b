import KealmYAML

/// `namespace:` — sets `metadata.namespace` on namespaced objects, renames a v1 Namespace
/// object, sets the namespace of RoleBinding subjects named `default`, and the other
/// namespace field specs (APIService, CRD conversion webhooks).
struct NamespaceTransformer {
    let namespace: String
    let specs: [FieldSpec]

    func apply(to set: inout ResourceSet, file: String) throws(OverlayError) {
        let ns = namespace
        let extra = specs.filter { !($0.path == ["metadata", "namespace"]) && !($0.path == ["subjects[]", "namespace"]) }
        set.updateEach { r in
            r.rememberID()
            let gvk = r.gvk
            if !ClusterScope.isClusterScoped(gvk) {
                r.setNamespace(ns)
            }
            if gvk.kind == "RoleBinding" || gvk.kind == "ClusterRoleBinding" {
                FieldWalker.visit(&r.node, ["subjects"][...], create: false) { subjects in
                    guard case .sequence(var items)? = subjects else { return }
                    for i in items.indices where items[i]["name"]?.scalar?.value == "default" {
                        items[i]["namespace"] = .string(ns)
                    }
                    subjects = .sequence(items)
                }
            }
            for spec in extra where spec.applies(to: gvk) {
                if spec.path == ["metadata", "name"] && r.node.string(at: "apiVersion") != "v1" { continue }
                FieldWalker.visit(&r.node, spec.path[...], create: spec.create) { v in
                    if v == nil && !spec.create { return }
                    v = .string(ns)
                }
            }
        }
        var seen: [ResID: Int] = [:]
        for r in set.resources {
            let id = r.id
            if seen[id] != nil {
                throw OverlayError(.conflict, "namespace transformation produces ID conflict: \(id)", file: file,
                    object: r.label, field: "namespace", hint: "two objects now have the same kind, name and namespace")
            }
            seen[id] = 1
        }
    }
}
