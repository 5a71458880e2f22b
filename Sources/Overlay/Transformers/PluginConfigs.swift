/// `transformers:` / `generators:` / `validators:` entries that configure builtin plugins.
enum PluginConfigs {
    static func apply(ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        let k = ctx.kustomization
        if !k.transformers.isEmpty || !k.generators.isEmpty || !k.validators.isEmpty {
            throw OverlayError(.invalid, "transformers, generators and validators plugin configs are not supported yet",
                file: ctx.file, field: "transformers")
        }
    }
}
