/// The builtin transformers, in the fixed order kustomize v5.5.0 applies them after the
/// generators of a kustomization. This constant is the only place that order is written.
enum BuiltinTransformer: String, Sendable, CaseIterable {
    case patchesStrategicMerge, patches, namespace, namePrefix, nameSuffix, labels, commonAnnotations
    case patchesJson6902, replicas, images, replacements

    static let order: [BuiltinTransformer] = [
        .patchesStrategicMerge, .patches, .namespace, .namePrefix, .nameSuffix, .labels, .commonAnnotations,
        .patchesJson6902, .replicas, .images, .replacements,
    ]
}

/// What a transformer sees: the kustomization being applied, where it lives, and file access.
struct TransformContext {
    let kustomization: Kustomization
    /// The resolved directory of the kustomization.
    let dir: String
    /// The kustomization file, for messages.
    let file: String
    let loader: Loader

    /// Reads a file the kustomization names, under the load restrictions.
    func read(_ path: String) throws(OverlayError) -> [UInt8] {
        try loader.readRestricted(path, kustDir: dir, asker: file).bytes
    }
}
