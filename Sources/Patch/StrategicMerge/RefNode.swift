import KealmYAML

/// A mutable, shared YAML node used by the kustomize-mode merge, whose semantics depend on nodes
/// being shared and updated in place (as kyaml's `*yaml.Node` are). Converted from and back to
/// `YAMLNode` at the edges.
final class RefNode {
    enum Kind { case scalar, mapping, sequence }
    var kind: Kind
    var scalar: YAMLScalar
    var keys: [YAMLScalar] = []
    var values: [RefNode] = []
    var items: [RefNode] = []
    /// A null that must be kept when set on a field (kyaml's persistent null).
    var keepNull = false

    init(scalar: YAMLScalar) {
        kind = .scalar
        self.scalar = scalar
    }

    init(kind: Kind) {
        self.kind = kind
        scalar = YAMLScalar("")
    }

    convenience init(_ node: YAMLNode) {
        switch node {
        case .scalar(let s):
            self.init(scalar: s)
        case .mapping(let pairs):
            self.init(kind: .mapping)
            keys = pairs.map(\.key)
            values = pairs.map { RefNode($0.value) }
        case .sequence(let seq):
            self.init(kind: .sequence)
            items = seq.map { RefNode($0) }
        }
    }

    var node: YAMLNode {
        switch kind {
        case .scalar: return .scalar(scalar)
        case .mapping: return .mapping(zip(keys, values).map { YAMLPair(key: $0, value: $1.node) })
        case .sequence: return .sequence(items.map(\.node))
        }
    }

    /// Overwrites this node's content with another's (kyaml's `SetYNode`): children are shared.
    func assign(from other: RefNode) {
        kind = other.kind
        scalar = other.scalar
        keys = other.keys
        values = other.values
        items = other.items
        keepNull = other.keepNull
    }

    var isNull: Bool {
        guard kind == .scalar else { return false }
        if scalar.tag == nil && scalar.style == .plain {
            switch scalar.value {
            case "", "~", "null", "Null", "NULL": return true
            default: return false
            }
        }
        return ScalarResolver.resolve(scalar) == .null
    }

    /// A scalar's text; "" for collections (as yaml.v3's `Value`).
    var text: String { kind == .scalar ? scalar.value : "" }

    func field(_ key: String) -> RefNode? {
        guard kind == .mapping, let i = keys.firstIndex(where: { $0.value == key }) else { return nil }
        return values[i]
    }

    func keyScalar(_ key: String) -> YAMLScalar? {
        guard kind == .mapping else { return nil }
        return keys.first { $0.value == key }
    }

    func removeField(_ key: String) {
        guard kind == .mapping, let i = keys.firstIndex(where: { $0.value == key }) else { return }
        keys.remove(at: i)
        values.remove(at: i)
    }

    /// Sets a field: replaces the existing value node's content in place, or appends the key.
    func setField(_ key: YAMLScalar, _ value: RefNode) {
        if let existing = field(key.value) {
            if existing !== value { existing.assign(from: value) }
            return
        }
        keys.append(key)
        values.append(value)
    }

    var isEmptyMap: Bool { kind == .mapping && keys.isEmpty }

    /// kyaml's `IsNilOrEmpty` for a field value: null, an empty scalar, or an empty collection.
    var isNilOrEmpty: Bool {
        switch kind {
        case .scalar: return isNull || scalar.value.isEmpty
        case .mapping: return keys.isEmpty
        case .sequence: return items.isEmpty
        }
    }
}

extension Optional where Wrapped == RefNode {
    var isMissingOrNull: Bool { self == nil || self!.isNull }
}
