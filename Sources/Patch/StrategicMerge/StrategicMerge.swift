import KealmModel
import KealmYAML

/// Applies strategic merge patches, in either of the two dialects that exist.
///
/// ```swift
/// let merged = try StrategicMerge.apply(patch: patch, to: deployment, schema: .builtin, gvk: gvk)
/// if merged.isNull { /* the patch said `$patch: delete` at the top: drop the object */ }
/// ```
/// `Mode.kustomize` reproduces kustomize v5.5.0 (kyaml merge2); `Mode.apiServer` reproduces the
/// Kubernetes API server. They differ: kustomize matches list items by all list-map keys and puts
/// the patch's items first, ignores `$setElementOrder`/`$retainKeys`/`$deleteFromPrimitiveList` and
/// the `replace` strategy, and drops a field whose merged value is null; the server matches by the
/// one merge key, keeps the object's order for its own items, and processes every directive.
///
/// **Deleting the whole object**: when the patch's top level carries `$patch: delete`, `apply`
/// returns `YAMLNode.null` (test with `isNull`), and `applyKeepingObject` returns nil.
public enum StrategicMerge {
    /// The dialect to follow.
    public enum Mode: Sendable, Hashable {
        /// kustomize v5.5.0 (`patchesStrategicMerge`, SMP `patches`).
        case kustomize
        /// The Kubernetes API server (`PATCH` with `application/strategic-merge-patch+json`).
        case apiServer
    }

    /// Applies `patch` to `object`, using the schema of `gvk` (unknown kinds: maps merge, lists are
    /// replaced). Returns the merged object, or `YAMLNode.null` when the patch deletes it.
    public static func apply(
        patch: YAMLNode, to object: YAMLNode, schema: PatchSchema, gvk: GVK, mode: Mode = .kustomize
    ) throws -> YAMLNode {
        try applyKeepingObject(patch: patch, to: object, schema: schema, gvk: gvk, mode: mode) ?? .null
    }

    /// Applies `patch` to `object`; nil when the patch deletes the object.
    public static func applyKeepingObject(
        patch: YAMLNode, to object: YAMLNode, schema: PatchSchema, gvk: GVK, mode: Mode = .kustomize
    ) throws -> YAMLNode? {
        var root = schema.root(for: gvk)
        if root.type == .unknown { root = schema.root(of: patch) }
        switch mode {
        case .kustomize:
            return try KustomizeMerge(schema: schema).merge(patch: patch, into: object, root: root)
        case .apiServer:
            guard let pp = patch.pairs else {
                throw PatchError(.invalidPatch, "a strategic merge patch must be a map", path: "")
            }
            guard let merged = try ServerMerge(schema: schema).mergeMap(object.pairs ?? [], pp, root, []) else { return nil }
            return .mapping(merged)
        }
    }
}
