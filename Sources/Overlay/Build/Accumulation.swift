/// What building one kustomization directory produced: its resources, the field specs in force,
/// and the vars it declared (resolved only at the top of the build).
struct Accumulation {
    var resources = ResourceSet()
    var config = TransformerConfig.builtin
    var vars: [VarDecl] = []
    /// Extra merge-key schema loaded from `openapi:` and `crds:`.
    var schemaDocs: [String: [UInt8]] = [:]
}
