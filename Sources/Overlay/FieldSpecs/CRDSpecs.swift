/// `crds:` — CRD files whose OpenAPI annotations add name-reference field specs.
enum CRDSpecs {
    static func load(_ paths: [String], ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        for p in paths { _ = try ctx.read(p) }
    }
}
