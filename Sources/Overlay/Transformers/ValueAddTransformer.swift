import KealmYAML

/// The builtin `ValueAddTransformer`: writes a value (by default the kustomization directory's
/// name) into fields, optionally as one element of a slash-separated path.
struct ValueAddTransformer {
    let value: String
    let targets: [(selector: Selector?, path: [String], position: Int)]

    init(config c: YAMLNode, ctx: TransformContext) throws(OverlayError) {
        value = c.string(at: "value") ?? PathSyntax.basename(ctx.dir)
        var t: [(Selector?, [String], Int)] = []
        for item in c["targets"]?.items ?? [] {
            let sel = try item["selector"].map { (n) throws(OverlayError) in try Selector(PatchTarget(node: n), file: ctx.file) }
            t.append((sel, FieldSpec.split(item.string(at: "fieldPath") ?? ""), item["filePathPosition"]?.intValue ?? 0))
        }
        targets = t
    }

    func apply(to set: inout ResourceSet) throws(OverlayError) {
        let value = value
        set.updateEach { r in
            for t in targets where t.selector?.selects(r) ?? true {
                let ns = t.path == ["metadata", "namespace"]
                if ns && ClusterScope.isClusterScoped(r.gvk) { continue }
                FieldWalker.visit(&r.node, t.path[...], create: true) { v in
                    if t.position <= 0 {
                        v = .string(value)
                        return
                    }
                    var parts = (v?.scalar?.value ?? "").split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                    if parts == [""] { parts = [] }
                    let at = t.position - 1
                    if at >= parts.count { parts.append(value) } else { parts.insert(value, at: at) }
                    v = .string(parts.joined(separator: "/"))
                }
            }
        }
    }
}
