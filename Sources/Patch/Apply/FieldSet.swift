import KealmYAML

/// A set of field paths: the fields one manager owns, or the fields an applied configuration sets.
/// Encodes to and decodes from Kubernetes' `fieldsV1` JSON (`{"f:spec":{"f:replicas":{}}}`, where
/// `".": {}` marks a path that is itself a member and also has members below it).
public struct FieldSet: Sendable, Hashable, CustomStringConvertible {
    /// The member paths.
    public var paths: Set<FieldPath>

    public init(_ paths: Set<FieldPath> = []) { self.paths = paths }
    /// A set of the given paths.
    public init<S: Sequence>(_ paths: S) where S.Element == FieldPath { self.paths = Set(paths) }

    /// True when the set has no member.
    public var isEmpty: Bool { paths.isEmpty }
    /// True when `p` is a member (not merely above one).
    public func contains(_ p: FieldPath) -> Bool { paths.contains(p) }
    /// Members of either set.
    public func union(_ o: FieldSet) -> FieldSet { FieldSet(paths.union(o.paths)) }
    /// Members of this set that `o` lacks.
    public func subtracting(_ o: FieldSet) -> FieldSet { FieldSet(paths.subtracting(o.paths)) }
    /// Members of both sets.
    public func intersection(_ o: FieldSet) -> FieldSet { FieldSet(paths.intersection(o.paths)) }

    /// True when some member is `p` or lies below it.
    public func hasMember(atOrBelow p: FieldPath) -> Bool { paths.contains { $0.hasPrefix(p) } }

    /// Every member and every path above a member: `prefixes.contains(p)` answers
    /// `hasMember(atOrBelow: p)` in constant time when asked many times.
    public var prefixes: Set<FieldPath> {
        var out = Set<FieldPath>()
        for p in paths {
            for n in stride(from: p.elements.count, through: 1, by: -1) {
                if !out.insert(FieldPath(Array(p.elements.prefix(n)))).inserted { break }
            }
        }
        return out
    }

    /// Members in a stable order.
    public var sorted: [FieldPath] { paths.sorted() }

    /// The members in conflict notation, comma-separated.
    public var description: String { sorted.map(\.description).joined(separator: ", ") }

    // MARK: fieldsV1

    /// The `fieldsV1` tree of this set.
    public var fieldsV1: YAMLNode {
        var root = Trie()
        for p in paths { root.insert(p.elements[...]) }
        return root.node(isRoot: true)
    }

    /// Compact `fieldsV1` JSON text.
    public var fieldsV1JSON: String { JSON.encode(fieldsV1) }

    /// Reads a `fieldsV1` tree.
    public init(fieldsV1 node: YAMLNode) throws {
        var out = Set<FieldPath>()
        func walk(_ n: YAMLNode, _ prefix: [PathElement]) throws {
            guard let pairs = n.pairs else { throw PatchError(.invalidPatch, "fieldsV1 entries must be objects", path: FieldPath(prefix).description) }
            if pairs.isEmpty, !prefix.isEmpty { out.insert(FieldPath(prefix)) }
            for p in pairs {
                if p.key.value == "." {
                    if !prefix.isEmpty { out.insert(FieldPath(prefix)) }
                    continue
                }
                guard let e = PathElement(fieldsV1: p.key.value) else {
                    throw PatchError(.invalidPatch, "bad fieldsV1 key \(p.key.value)", path: FieldPath(prefix).description)
                }
                try walk(p.value, prefix + [e])
            }
        }
        try walk(node, [])
        paths = out
    }

    /// Reads `fieldsV1` JSON text.
    public init(fieldsV1JSON text: String) throws {
        let node: YAMLNode
        do { node = try JSON.decode(text) } catch { throw PatchError(.invalidPatch, "fieldsV1 is not JSON: \(error)") }
        try self.init(fieldsV1: node)
    }

    private struct Trie {
        var member = false
        var children: [PathElement: Trie] = [:]

        mutating func insert(_ p: ArraySlice<PathElement>) {
            guard let first = p.first else {
                member = true
                return
            }
            children[first, default: Trie()].insert(p.dropFirst())
        }

        func node(isRoot: Bool = false) -> YAMLNode {
            var pairs: [YAMLPair] = []
            if member && !children.isEmpty && !isRoot { pairs.append(YAMLPair(".", .mapping([]))) }
            for k in children.keys.sorted() { pairs.append(YAMLPair(k.description, children[k]!.node())) }
            return .mapping(pairs)
        }
    }
}
