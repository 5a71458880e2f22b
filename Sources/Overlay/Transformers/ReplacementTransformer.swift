import KealmYAML

/// `replacements:` — copies a field of one object into fields of others.
enum ReplacementTransformer {
    static func apply(_ entries: [YAMLNode], ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        if entries.isEmpty { return }
        throw OverlayError(.invalid, "replacements are not supported yet", file: ctx.file, field: "replacements")
    }
}
