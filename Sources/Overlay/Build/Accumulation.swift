import Patch

/// What building one kustomization directory produced: its resources, the field specs in force,
/// and the vars it declared (resolved only at the top of the build).
struct Accumulation {
    var resources = ResourceSet()
    /// Field specs in force; starts empty: each kustomization merges the builtin set (with its
    /// `configurations:`) after its resources, as kustomize does.
    var config = TransformerConfig()
    var vars: [VarDecl] = []
    /// The merge-key schema for strategic merge patches (builtin, plus `openapi:` documents).
    var schema = PatchSchema.builtin
}
