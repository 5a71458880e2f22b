import KealmYAML

/// `patchesStrategicMerge:`, `patches:` and `patchesJson6902:`.
enum PatchStrategicMergeTransformer {
    static func apply(_ entries: [String], ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        if entries.isEmpty { return }
        throw OverlayError(.invalid, "patchesStrategicMerge is not supported yet", file: ctx.file)
    }
}

enum PatchTransformer {
    static func apply(_ spec: Kustomization.PatchSpec, ctx: TransformContext, to acc: inout Accumulation, json6902Only: Bool = false)
        throws(OverlayError)
    {
        throw OverlayError(.invalid, "patches are not supported yet", file: ctx.file)
    }
}
