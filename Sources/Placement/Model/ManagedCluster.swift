import KealmModel
import KealmYAML

/// A typed view of a `cluster.open-cluster-management.io/v1` ManagedCluster: what placement reads.
///
/// A class with immutable fields: the scheduler moves thousands of these per placement, and
/// copying a reference is one retain where copying the fields was nine.
public final class ManagedCluster: Sendable, Hashable {
    /// The cluster name (cluster-scoped object).
    public let name: String
    /// `metadata.labels`.
    public let labels: [String: String]
    /// `status.clusterClaims` as name → value.
    public let claims: [String: String]
    /// `spec.taints`.
    public let taints: [Taint]
    /// `status.allocatable` quantities as numbers (cpu in cores, memory in bytes).
    public let allocatable: [String: Double]
    /// `status.capacity` quantities as numbers.
    public let capacity: [String: Double]
    /// `status.conditions`.
    public let conditions: [StatusCondition]
    /// `metadata.deletionTimestamp`, when the cluster is being deleted.
    public let deletionTimestamp: String?
    /// The whole object, for CEL expressions and for copying into Argo CD cluster secrets.
    public let object: YAMLNode

    /// True while the cluster is terminating; such clusters are never candidates.
    public var isTerminating: Bool { deletionTimestamp != nil }

    public init(name: String, labels: [String: String] = [:], claims: [String: String] = [:], taints: [Taint] = [],
        allocatable: [String: Double] = [:], capacity: [String: Double] = [:], conditions: [StatusCondition] = [],
        deletionTimestamp: String? = nil, object: YAMLNode? = nil)
    {
        self.name = name
        self.labels = labels
        self.claims = claims
        self.taints = taints
        self.allocatable = allocatable
        self.capacity = capacity
        self.conditions = conditions
        self.deletionTimestamp = deletionTimestamp
        self.object = object ?? ManagedCluster.synthesize(name: name, labels: labels, claims: claims)
    }

    /// Reads a ManagedCluster object.
    public convenience init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "ManagedCluster")
        guard let name = try r.string(node[path: ["metadata", "name"]], "metadata.name"), !name.isEmpty else {
            throw r.error("metadata.name", "a ManagedCluster needs a name")
        }
        let labels = try r.stringMap(node[path: ["metadata", "labels"]], "metadata.labels")
        let deletionTimestamp = try r.string(node[path: ["metadata", "deletionTimestamp"]], "metadata.deletionTimestamp")
        var claims: [String: String] = [:]
        for (i, c) in try r.items(node[path: ["status", "clusterClaims"]], "status.clusterClaims").enumerated() {
            guard let n = try r.string(c["name"], "status.clusterClaims[\(i)].name") else { continue }
            claims[n] = try r.string(c["value"], "status.clusterClaims[\(i)].value") ?? ""
        }
        let taints = try r.items(node[path: ["spec", "taints"]], "spec.taints").enumerated().map { (i, t) throws(ModelError) in
            try Taint(node: t, reader: r, field: "spec.taints[\(i)]")
        }
        func quantities(_ key: String) throws(ModelError) -> [String: Double] {
            var out: [String: Double] = [:]
            for p in try r.pairs(node[path: ["status", key]], "status.\(key)") {
                let text = try r.string(p.value, "status.\(key).\(p.key.value)") ?? ""
                guard let q = Quantity.parse(text) else {
                    throw r.error("status.\(key).\(p.key.value)", "'\(text)' is not a resource quantity", hint: "write e.g. 4, 500m, 16Gi")
                }
                out[p.key.value] = q
            }
            return out
        }
        let allocatable = try quantities("allocatable")
        let capacity = try quantities("capacity")
        let conditions = try r.items(node[path: ["status", "conditions"]], "status.conditions").compactMap { StatusCondition(node: $0) }
        self.init(name: name, labels: labels, claims: claims, taints: taints, allocatable: allocatable, capacity: capacity,
            conditions: conditions, deletionTimestamp: deletionTimestamp, object: node)
    }

    /// A minimal object for clusters built in code (what CEL expressions and secrets read).
    static func synthesize(name: String, labels: [String: String], claims: [String: String]) -> YAMLNode {
        var meta: [YAMLPair] = [YAMLPair("name", .string(name))]
        if !labels.isEmpty { meta.append(YAMLPair("labels", .mapping(labels.keys.sorted().map { YAMLPair($0, .string(labels[$0]!)) }))) }
        var obj: [YAMLPair] = [
            YAMLPair("apiVersion", .string("cluster.open-cluster-management.io/v1")), YAMLPair("kind", .string("ManagedCluster")),
            YAMLPair("metadata", .mapping(meta)),
        ]
        if !claims.isEmpty {
            obj.append(YAMLPair("status", .mapping([YAMLPair("clusterClaims", .sequence(claims.keys.sorted().map {
                .mapping([YAMLPair("name", .string($0)), YAMLPair("value", .string(claims[$0]!))])
            }))])))
        }
        return .mapping(obj)
    }

    public static func == (a: ManagedCluster, b: ManagedCluster) -> Bool {
        a === b || (a.name == b.name && a.labels == b.labels && a.taints == b.taints && a.object == b.object)
    }
    public func hash(into h: inout Hasher) { h.combine(name) }
}

/// A taint on a ManagedCluster.
public struct Taint: Sendable, Hashable {
    /// How a taint repels placements.
    public enum Effect: String, Sendable, Hashable {
        /// Not selected by placements that do not tolerate it; existing decisions are dropped.
        case noSelect = "NoSelect"
        /// Placement prefers other clusters; the filter does not drop the cluster.
        case preferNoSelect = "PreferNoSelect"
        /// Not newly selected by placements that do not tolerate it; existing decisions are kept.
        case noSelectIfNew = "NoSelectIfNew"
    }
    public var key: String
    public var value: String
    public var effect: Effect
    /// When the taint was added; `tolerationSeconds` counts from here.
    public var timeAdded: Timestamp?

    public init(key: String, value: String = "", effect: Effect, timeAdded: Timestamp? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    init(node: YAMLNode, reader r: FieldReader, field: String) throws(ModelError) {
        guard let key = try r.string(node["key"], "\(field).key"), !key.isEmpty else {
            throw r.error("\(field).key", "a taint needs a key")
        }
        let effectText = try r.string(node["effect"], "\(field).effect") ?? ""
        guard let effect = Effect(rawValue: effectText) else {
            throw r.error("\(field).effect", "unknown taint effect '\(effectText)'", hint: "use NoSelect, PreferNoSelect or NoSelectIfNew")
        }
        var added: Timestamp? = nil
        if let t = try r.string(node["timeAdded"], "\(field).timeAdded") {
            guard let ts = Timestamp(rfc3339: t) else { throw r.error("\(field).timeAdded", "'\(t)' is not an RFC 3339 time") }
            added = ts
        }
        self.init(key: key, value: try r.string(node["value"], "\(field).value") ?? "", effect: effect, timeAdded: added)
    }
}

/// Kubernetes resource quantities (`4`, `500m`, `16Gi`, `1.5e3`) as plain numbers.
public enum Quantity {
    /// The value of a quantity, or nil when the text is not one.
    public static func parse(_ text: String) -> Double? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
            ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
            ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
        ]
        for (s, mult) in suffixes where text.hasSuffix(s) {
            guard let v = Double(text.dropLast(s.count)) else { return nil }
            return v * mult
        }
        return Double(text)
    }
}
