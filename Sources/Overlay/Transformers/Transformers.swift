/// Dispatches each builtin transformer of `BuiltinTransformer.order` to its implementation.
enum Transformers {
    static func apply(_ t: BuiltinTransformer, ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        let k = ctx.kustomization
        switch t {
        case .patchesStrategicMerge:
            try PatchStrategicMergeTransformer.apply(k.patchesStrategicMerge, ctx: ctx, to: &acc)
        case .patches:
            for p in k.patches { try PatchTransformer.apply(p, ctx: ctx, to: &acc) }
        case .namespace:
            if !k.namespace.isEmpty {
                try NamespaceTransformer(namespace: k.namespace, specs: acc.config.namespace).apply(to: &acc.resources, file: ctx.file)
            }
        case .namePrefix:
            if !k.namePrefix.isEmpty {
                try NameAffixTransformer(affix: k.namePrefix, isPrefix: true, specs: acc.config.namePrefix).apply(to: &acc.resources, file: ctx.file)
            }
        case .nameSuffix:
            if !k.nameSuffix.isEmpty {
                try NameAffixTransformer(affix: k.nameSuffix, isPrefix: false, specs: acc.config.nameSuffix).apply(to: &acc.resources, file: ctx.file)
            }
        case .labels:
            try LabelTransformer.applyAll(k, config: acc.config, to: &acc.resources, file: ctx.file)
        case .commonAnnotations:
            if !k.commonAnnotations.isEmpty {
                MapFieldTransformer(entries: k.commonAnnotations, specs: acc.config.commonAnnotations, kind: "AnnotationsTransformer")
                    .apply(to: &acc.resources, file: ctx.file)
            }
        case .patchesJson6902:
            for p in k.patchesJson6902 { try PatchTransformer.apply(p, ctx: ctx, to: &acc, json6902Only: true) }
        case .replicas:
            for r in k.replicas { try ReplicaTransformer(node: r, file: ctx.file).apply(to: &acc.resources, specs: acc.config.replicas) }
        case .images:
            for i in k.images { try ImageTransformer(node: i, file: ctx.file).apply(to: &acc.resources, specs: acc.config.images) }
        case .replacements:
            try ReplacementTransformer.apply(k.replacements, ctx: ctx, to: &acc)
        }
    }
}
