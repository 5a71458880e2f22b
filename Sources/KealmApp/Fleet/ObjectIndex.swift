import KealmModel
import KealmYAML

/// Objects of a snapshot by kind, namespace and name, and the comparisons that decide whether a
/// write is needed.
struct ObjectIndex: Sendable {
    private var byKey: [String: YAMLNode] = [:]

    init(_ objects: [YAMLNode]) {
        for o in objects { if let k = Self.key(o) { byKey[k] = o } }
    }

    static func key(_ o: YAMLNode) -> String? {
        guard let kind = o.string(at: "kind"), let name = o.string(at: "metadata", "name") else { return nil }
        let group = GVK(apiVersion: o.string(at: "apiVersion") ?? "", kind: kind).group
        return "\(group)/\(kind)/\(o.string(at: "metadata", "namespace") ?? "")/\(name)"
    }

    subscript(_ o: YAMLNode) -> YAMLNode? { Self.key(o).flatMap { byKey[$0] } }

    /// True when every field of `desired` has the same value in `live` (extra live fields are fine).
    static func contains(_ live: YAMLNode, _ desired: YAMLNode) -> Bool {
        switch (live, desired) {
        case (.mapping, .mapping(let pairs)):
            return pairs.allSatisfy { p in
                guard let l = live[p.key.value] else { return p.value.isNull }
                return contains(l, p.value)
            }
        case (.sequence(let l), .sequence(let d)):
            return l.count == d.count && zip(l, d).allSatisfy { contains($0, $1) }
        default:
            return JSON.encode(live) == JSON.encode(desired)
        }
    }

    /// Status equality ignoring condition timestamps.
    static func sameStatus(_ live: YAMLNode, _ desired: YAMLNode) -> Bool {
        JSON.encode(stripTimes(live)) == JSON.encode(stripTimes(desired))
    }

    static func stripTimes(_ n: YAMLNode) -> YAMLNode {
        switch n {
        case .mapping(let pairs):
            return .mapping(pairs.filter { $0.key.value != "lastTransitionTime" }.map { YAMLPair(key: $0.key, value: stripTimes($0.value)) })
        case .sequence(let items): return .sequence(items.map(stripTimes))
        default: return n
        }
    }
}
