import KealmYAML

/// The index of an informer: objects by `namespace/name`, and keys by namespace and by
/// `label=value`. A plain value; `Informer` guards it.
public struct InformerStore: Sendable {
    public private(set) var objects: [String: YAMLNode] = [:]
    private var byNamespace: [String: Set<String>] = [:]
    private var byLabel: [String: Set<String>] = [:]

    public init() {}

    /// `namespace/name`, or `name` for cluster-scoped objects.
    public static func key(_ object: YAMLNode) -> String? {
        guard let name = object.string(at: "metadata", "name") else { return nil }
        let ns = object.string(at: "metadata", "namespace") ?? ""
        return ns.isEmpty ? name : "\(ns)/\(name)"
    }

    /// Inserts or replaces; returns the previous object.
    @discardableResult
    public mutating func upsert(_ object: YAMLNode) -> YAMLNode? {
        guard let key = Self.key(object) else { return nil }
        let old = remove(key: key)
        objects[key] = object
        byNamespace[object.string(at: "metadata", "namespace") ?? "", default: []].insert(key)
        for (k, v) in object.labels { byLabel["\(k)=\(v)", default: []].insert(key) }
        return old
    }

    /// Removes by key; returns the removed object.
    @discardableResult
    public mutating func remove(key: String) -> YAMLNode? {
        guard let old = objects.removeValue(forKey: key) else { return nil }
        byNamespace[old.string(at: "metadata", "namespace") ?? ""]?.remove(key)
        for (k, v) in old.labels { byLabel["\(k)=\(v)"]?.remove(key) }
        return old
    }

    public func get(namespace: String?, name: String) -> YAMLNode? {
        objects[(namespace ?? "").isEmpty ? name : "\(namespace!)/\(name)"]
    }

    /// Objects of a namespace (all when nil) whose labels carry every `key=value` given.
    public func list(namespace: String? = nil, labels: [String: String] = [:]) -> [YAMLNode] {
        var keys: Set<String>? = namespace.map { byNamespace[$0] ?? [] }
        for (k, v) in labels {
            let s = byLabel["\(k)=\(v)"] ?? []
            keys = keys.map { $0.intersection(s) } ?? s
        }
        let chosen = keys.map { Array($0) } ?? Array(objects.keys)
        return chosen.sorted().compactMap { objects[$0] }
    }

    public var count: Int { objects.count }
}
