/// How a scalar was written in the source (or should be written when emitted).
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A YAML scalar: its text, an explicit tag if the source gave one, and its style.
public struct YAMLScalar: Sendable, Hashable {
    /// The scalar's text, after unquoting and unescaping.
    public var value: String
    /// The explicit tag, in long form (`tag:yaml.org,2002:str`), or nil when none was written.
    public var tag: String?
    /// The source style.
    public var style: ScalarStyle

    public init(_ value: String, tag: String? = nil, style: ScalarStyle = .plain) {
        self.value = value
        self.tag = tag
        self.style = style
    }

    /// True when the scalar is a plain, untagged scalar (the only kind whose type is resolved from its text).
    public var isPlainUntagged: Bool { style == .plain && tag == nil }
}

/// One key/value entry of a mapping, in source order.
public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLScalar
    public var value: YAMLNode
    public init(key: YAMLScalar, value: YAMLNode) {
        self.key = key
        self.value = value
    }
    public init(_ key: String, _ value: YAMLNode) {
        self.key = YAMLScalar(key)
        self.value = value
    }
}

/// An ordered YAML node tree. Mappings keep their key order; scalars keep their tag and style.
///
/// Aliases are expanded at parse time (within the limits of `YAMLLimits`), so the tree is
/// a plain tree with no sharing. Non-scalar mapping keys are rejected by the parser:
/// Kubernetes objects never use them.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping([YAMLPair])
    case sequence([YAMLNode])

    /// A plain null scalar.
    public static let null = YAMLNode.scalar(YAMLScalar("null"))

    /// A string scalar; double-quoted when its text would otherwise read as another type.
    public static func string(_ s: String) -> YAMLNode {
        let scalar = YAMLScalar(s)
        if ScalarResolver.resolve(scalar) == .string { return .scalar(scalar) }
        return .scalar(YAMLScalar(s, style: .doubleQuoted))
    }

    /// An integer scalar.
    public static func int(_ i: Int) -> YAMLNode { .scalar(YAMLScalar(String(i))) }

    /// A boolean scalar.
    public static func bool(_ b: Bool) -> YAMLNode { .scalar(YAMLScalar(b ? "true" : "false")) }

    /// An empty mapping.
    public static let emptyMapping = YAMLNode.mapping([])
}

extension YAMLNode {
    /// The pairs of a mapping, or nil.
    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = self { return p }
        return nil
    }

    /// The items of a sequence, or nil.
    public var items: [YAMLNode]? {
        if case .sequence(let s) = self { return s }
        return nil
    }

    /// The scalar, or nil.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    /// The resolved type of a scalar node (nil for collections).
    public var scalarKind: ScalarKind? {
        if case .scalar(let s) = self { return ScalarResolver.resolve(s) }
        return nil
    }

    /// True for a null scalar (`null`, `~`, empty plain scalar, or `!!null`).
    public var isNull: Bool { scalarKind == .null }

    /// The text of a non-null scalar, or nil.
    public var string: String? {
        if case .scalar(let s) = self, ScalarResolver.resolve(s) != .null { return s.value }
        return nil
    }

    /// The value of an integer scalar, or nil.
    public var intValue: Int? {
        guard case .scalar(let s) = self, ScalarResolver.resolve(s) == .int else { return nil }
        return ScalarResolver.intValue(s.value)
    }

    /// The value of a boolean scalar, or nil.
    public var boolValue: Bool? {
        guard case .scalar(let s) = self, ScalarResolver.resolve(s) == .bool else { return nil }
        return ScalarResolver.boolValue(s.value)
    }

    /// The value for a key of a mapping; nil when absent or when the node is not a mapping.
    public subscript(key: String) -> YAMLNode? {
        get {
            guard case .mapping(let pairs) = self else { return nil }
            for p in pairs where p.key.value == key { return p.value }
            return nil
        }
        set {
            guard case .mapping(var pairs) = self else {
                if let newValue { self = .mapping([YAMLPair(key, newValue)]) }
                return
            }
            if let i = pairs.firstIndex(where: { $0.key.value == key }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append(YAMLPair(key, newValue))
            }
            self = .mapping(pairs)
        }
    }

    /// The value at a path of mapping keys, e.g. `node[path: ["metadata", "name"]]`.
    public subscript(path path: [String]) -> YAMLNode? {
        get {
            var cur: YAMLNode? = self
            for k in path { cur = cur?[k] }
            return cur
        }
        set {
            guard let first = path.first else {
                if let newValue { self = newValue }
                return
            }
            var child = self[first] ?? .mapping([])
            if path.count == 1 {
                self[first] = newValue
                return
            }
            if child.pairs == nil { child = .mapping([]) }
            child[path: Array(path.dropFirst())] = newValue
            self[first] = child
        }
    }

    /// The string at a path, e.g. `node.string(at: "metadata", "name")`.
    public func string(at path: String...) -> String? { self[path: path]?.string }
}
