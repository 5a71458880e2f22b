import KealmYAML

/// One entry of `configMapGenerator:` or `secretGenerator:`.
public struct GeneratorArgs: Sendable {
    public var name: String
    public var namespace: String
    public var behavior: String
    public var files: [String]
    public var literals: [String]
    public var envs: [String]
    public var type: String?
    public var options: GeneratorOptions?

    init(node: YAMLNode, file: String) throws(OverlayError) {
        func list(_ k: String) -> [String] { (node[k]?.items ?? []).compactMap { $0.scalar?.value } }
        name = node.string(at: "name") ?? ""
        namespace = node.string(at: "namespace") ?? ""
        behavior = node.string(at: "behavior") ?? "create"
        files = list("files")
        literals = list("literals")
        envs = list("envs")
        if let e = node.string(at: "env") { envs.append(e) }
        type = node.string(at: "type")
        if let o = node["options"], !o.isNull { options = GeneratorOptions(node: o) }
        if !["create", "merge", "replace"].contains(behavior) {
            throw OverlayError(.invalid, "unknown generator behavior \"\(behavior)\"", file: file, object: name,
                field: "behavior", hint: "use create, merge or replace")
        }
    }
}

/// `generatorOptions:` (or a generator's `options:`).
public struct GeneratorOptions: Sendable {
    public var labels: [(String, String)] = []
    public var annotations: [(String, String)] = []
    public var disableNameSuffixHash: Bool?
    public var immutable: Bool?

    init(node: YAMLNode) {
        labels = (node["labels"]?.pairs ?? []).map { ($0.key.value, $0.value.scalar?.value ?? "") }
        annotations = (node["annotations"]?.pairs ?? []).map { ($0.key.value, $0.value.scalar?.value ?? "") }
        disableNameSuffixHash = node["disableNameSuffixHash"]?.boolValue
        immutable = node["immutable"]?.boolValue
    }

    init() {}

    /// Options of a generator entry layered over the kustomization-wide ones.
    func merged(over base: GeneratorOptions?) -> GeneratorOptions {
        var out = base ?? GeneratorOptions()
        for (k, v) in labels { Self.set(&out.labels, k, v) }
        for (k, v) in annotations { Self.set(&out.annotations, k, v) }
        if let d = disableNameSuffixHash { out.disableNameSuffixHash = d }
        if let i = immutable { out.immutable = i }
        return out
    }

    static func set(_ list: inout [(String, String)], _ k: String, _ v: String) {
        if let i = list.firstIndex(where: { $0.0 == k }) { list[i].1 = v } else { list.append((k, v)) }
    }
}
