import KealmYAML

/// One builtin transformer configured by an object (`kind: PatchTransformer`, …) rather than
/// by kustomization fields.
enum BuiltinPlugin {
    static func specs(_ c: YAMLNode, file: String) throws(OverlayError) -> [FieldSpec]? {
        guard let items = c["fieldSpecs"]?.items else { return nil }
        var out: [FieldSpec] = []
        for i in items { out.append(try FieldSpec(node: i, file: file)) }
        return out
    }

    static func pairs(_ n: YAMLNode?) -> [(String, String)] {
        (n?.pairs ?? []).map { ($0.key.value, $0.value.scalar?.value ?? "") }
    }

    static func apply(_ config: Resource, ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        let c = config.node
        let file = ctx.file
        switch config.gvk.kind {
        case "PatchTransformer":
            var spec = Kustomization.PatchSpec()
            spec.path = c.string(at: "path")
            spec.patch = c.string(at: "patch")
            if let t = c["target"], !t.isNull { spec.target = PatchTarget(node: t) }
            spec.allowNameChange = c[path: ["options", "allowNameChange"]]?.boolValue ?? false
            spec.allowKindChange = c[path: ["options", "allowKindChange"]]?.boolValue ?? false
            try PatchTransformer.apply(spec, ctx: ctx, to: &acc)
        case "PatchJson6902Transformer":
            var spec = Kustomization.PatchSpec()
            spec.path = c.string(at: "path")
            spec.patch = c.string(at: "jsonOp")
            if let t = c["target"], !t.isNull { spec.target = PatchTarget(node: t) }
            try PatchTransformer.apply(spec, ctx: ctx, to: &acc, json6902Only: true)
        case "PatchStrategicMergeTransformer":
            var entries = (c["paths"]?.items ?? []).compactMap(\.string)
            if let p = c.string(at: "patches") { entries.append(p) }
            try PatchStrategicMergeTransformer.apply(entries, ctx: ctx, to: &acc)
        case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
            let fs = try specs(c, file: file) ?? acc.config.namePrefix
            if let p = c.string(at: "prefix"), !p.isEmpty {
                try NameAffixTransformer(affix: p, isPrefix: true, specs: fs).apply(to: &acc.resources, file: file)
            }
            if let s = c.string(at: "suffix"), !s.isEmpty {
                try NameAffixTransformer(affix: s, isPrefix: false, specs: fs).apply(to: &acc.resources, file: file)
            }
        case "LabelTransformer":
            MapFieldTransformer(entries: pairs(c["labels"]), specs: try specs(c, file: file) ?? acc.config.commonLabels,
                kind: "LabelTransformer").apply(to: &acc.resources, file: file)
        case "AnnotationsTransformer":
            MapFieldTransformer(entries: pairs(c["annotations"]), specs: try specs(c, file: file) ?? acc.config.commonAnnotations,
                kind: "AnnotationsTransformer").apply(to: &acc.resources, file: file)
        case "NamespaceTransformer":
            if let ns = c.string(at: "metadata", "namespace"), !ns.isEmpty {
                try NamespaceTransformer(namespace: ns, specs: try specs(c, file: file) ?? acc.config.namespace)
                    .apply(to: &acc.resources, file: file)
            }
        case "ImageTagTransformer":
            if let img = c["imageTag"] {
                try ImageTransformer(node: img, file: file).apply(to: &acc.resources, specs: try specs(c, file: file) ?? acc.config.images)
            }
        case "ReplicaCountTransformer":
            if let rep = c["replica"] {
                try ReplicaTransformer(node: rep, file: file).apply(to: &acc.resources, specs: try specs(c, file: file) ?? acc.config.replicas)
            }
        case "ReplacementTransformer":
            try ReplacementTransformer.apply(c["replacements"]?.items ?? [], ctx: ctx, to: &acc)
        case "ValueAddTransformer":
            try ValueAddTransformer(config: c, ctx: ctx).apply(to: &acc.resources)
        case "HashTransformer":
            break
        default:
            throw PluginConfigs.unsupported(config, ctx: ctx, field: "transformers")
        }
    }
}
