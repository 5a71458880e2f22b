import KealmYAML

/// One step of a field path, as Kubernetes `fieldsV1` writes it.
public enum PathElement: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A field of an object or a key of a map: `f:name`.
    case field(String)
    /// An item of an associative list, by its key fields as a compact JSON object with sorted keys:
    /// `k:{"containerPort":80,"protocol":"TCP"}`.
    case key(String)
    /// An item of a set list, by its JSON value: `v:"example.com/finalizer"`.
    case value(String)
    /// An item of a list by position: `i:0` (read from `fieldsV1`; never produced here).
    case index(Int)

    /// The `fieldsV1` key text.
    public var description: String {
        switch self {
        case .field(let s): return "f:" + s
        case .key(let s): return "k:" + s
        case .value(let s): return "v:" + s
        case .index(let i): return "i:\(i)"
        }
    }

    /// Parses a `fieldsV1` key (`f:`, `k:`, `v:`, `i:`).
    public init?(fieldsV1 text: String) {
        guard text.count >= 2, text.dropFirst().first == ":" else { return nil }
        let body = String(text.dropFirst(2))
        switch text.first {
        case "f": self = .field(body)
        case "k": self = .key(body)
        case "v": self = .value(body)
        case "i":
            guard let i = Int(body) else { return nil }
            self = .index(i)
        default: return nil
        }
    }

    /// The element for an associative-list item with the given key fields.
    public static func key(_ fields: [(String, YAMLNode)]) -> PathElement {
        var s = "{"
        for (i, (k, v)) in fields.sorted(by: { $0.0 < $1.0 }).enumerated() {
            if i > 0 { s += "," }
            JSON.writeString(k, into: &s)
            s += ":" + JSON.encode(v)
        }
        return .key(s + "}")
    }

    private var rank: Int {
        switch self {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }

    /// Fields before keys before values before indices, as structured-merge-diff orders them.
    public static func < (a: PathElement, b: PathElement) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        switch (a, b) {
        case (.index(let x), .index(let y)): return x < y
        case (.field(let x), .field(let y)), (.key(let x), .key(let y)), (.value(let x), .value(let y)): return x < y
        default: return false
        }
    }
}

/// A path from an object's root to one of its fields or list items.
///
/// The path keeps a digest of its elements, computed once as it is built, so that sets of paths
/// hash each path in constant time.
public struct FieldPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The steps from the root.
    public private(set) var elements: [PathElement]
    private var digest: Int

    public init(_ elements: [PathElement]) {
        self.elements = elements
        digest = elements.reduce(0) { Self.mix($0, $1) }
    }

    private init(elements: [PathElement], digest: Int) {
        self.elements = elements
        self.digest = digest
    }

    private static func mix(_ d: Int, _ e: PathElement) -> Int { (d &* 1_000_003) ^ e.hashValue }

    /// Appends one element.
    public func appending(_ e: PathElement) -> FieldPath { FieldPath(elements: elements + [e], digest: Self.mix(digest, e)) }

    /// The first `n` elements.
    public func prefix(_ n: Int) -> FieldPath { FieldPath(Array(elements.prefix(n))) }

    public static func == (a: FieldPath, b: FieldPath) -> Bool { a.digest == b.digest && a.elements == b.elements }
    public func hash(into h: inout Hasher) { h.combine(digest) }

    /// True when the path is a key field of an associative-list item (`…[name="x"].name`): such a
    /// field goes only with its item.
    public var isKeyFieldOfItem: Bool {
        guard elements.count >= 2, case .field(let f) = elements[elements.count - 1],
            case .key(let json) = elements[elements.count - 2]
        else { return false }
        return json.contains("\"" + f + "\":")
    }

    /// True when `self` is `other` or lies below it.
    public func hasPrefix(_ other: FieldPath) -> Bool {
        elements.count >= other.elements.count && Array(elements.prefix(other.elements.count)) == other.elements
    }

    /// Kubernetes' conflict notation: `.spec.replicas`, `.spec.containers[name="app"].image`.
    public var description: String {
        var s = ""
        for e in elements {
            switch e {
            case .field(let f): s += "." + f
            case .key(let k): s += "[" + Self.keyText(k) + "]"
            case .value(let v): s += "[=" + v + "]"
            case .index(let i): s += "[\(i)]"
            }
        }
        return s.isEmpty ? "." : s
    }

    private static func keyText(_ json: String) -> String {
        guard let node = try? JSON.decode(json), let pairs = node.pairs else { return json }
        return pairs.map { "\($0.key.value)=\(JSON.encode($0.value))" }.joined(separator: ",")
    }

    /// Element-wise order.
    public static func < (a: FieldPath, b: FieldPath) -> Bool { a.elements.lexicographicallyPrecedes(b.elements) }
}
