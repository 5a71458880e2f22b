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

extension BuiltinTransformer {
    /// The plugin kinds this kustomization configures for the step (one per entry), as recorded
    /// by `buildMetadata: [transformerAnnotations]`.
    func instances(of k: Kustomization) -> [String] {
        switch self {
        case .patchesStrategicMerge: return k.patchesStrategicMerge.isEmpty ? [] : ["PatchStrategicMergeTransformer"]
        case .patches: return k.patches.map { _ in "PatchTransformer" }
        case .namespace: return k.namespace.isEmpty ? [] : ["NamespaceTransformer"]
        case .namePrefix: return k.namePrefix.isEmpty ? [] : ["PrefixTransformer"]
        case .nameSuffix: return k.nameSuffix.isEmpty ? [] : ["SuffixTransformer"]
        case .labels:
            if k.labels.isEmpty && k.commonLabels.isEmpty { return [] }
            return Array(repeating: "LabelTransformer", count: k.labels.count + 1)
        case .commonAnnotations: return k.commonAnnotations.isEmpty ? [] : ["AnnotationsTransformer"]
        case .patchesJson6902: return k.patchesJson6902.map { _ in "PatchJson6902Transformer" }
        case .replicas: return k.replicas.map { _ in "ReplicaCountTransformer" }
        case .images: return k.images.map { _ in "ImageTagTransformer" }
        case .replacements: return k.replacements.isEmpty ? [] : ["ReplacementTransformer"]
        }
    }
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
