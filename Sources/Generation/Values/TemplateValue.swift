import KealmYAML

/// A parameter value produced by generators and consumed by templates: the JSON data model
/// (what Argo CD's generators hand to fasttemplate and Go templates).
public enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case map([String: TemplateValue])

    /// Converts a YAML node; scalars are typed by the YAML 1.2 core schema.
    public init(_ node: YAMLNode) {
        switch node {
        case .scalar(let s):
            switch ScalarResolver.resolve(s) {
            case .null: self = .null
            case .bool: self = .bool(ScalarResolver.boolValue(s.value) ?? false)
            case .int: self = ScalarResolver.intValue(s.value).map { .int($0) } ?? .string(s.value)
            case .float: self = Double(s.value).map { .double($0) } ?? .string(s.value)
            case .string: self = .string(s.value)
            }
        case .sequence(let items): self = .list(items.map(TemplateValue.init))
        case .mapping(let pairs):
            var m: [String: TemplateValue] = [:]
            for p in pairs { m[p.key.value] = TemplateValue(p.value) }
            self = .map(m)
        }
    }

    /// The value as a YAML node (map keys sorted).
    public var node: YAMLNode {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .scalar(YAMLScalar(TemplateValue.formatDouble(d)))
        case .string(let s): return .string(s)
        case .list(let l): return .sequence(l.map(\.node))
        case .map(let m): return .mapping(m.keys.sorted().map { YAMLPair($0, m[$0]!.node) })
        }
    }

    /// The text Go's `fmt.Sprint` prints for the value (`map[a:1 b:2]`, `[x y]`, `<nil>`).
    public var goString: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return TemplateValue.formatDouble(d)
        case .string(let s): return s
        case .list(let l): return "[" + l.map(\.goString).joined(separator: " ") + "]"
        case .map(let m): return "map[" + m.keys.sorted().map { "\($0):\(m[$0]!.goString)" }.joined(separator: " ") + "]"
        }
    }

    /// Go's truth: false, 0, nil and empty strings, lists and maps are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        }
    }

    /// The string, when the value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    static func formatDouble(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e21 { return String(Int(d)) }
        return String(d)
    }

    /// Nested maps flattened to dotted keys (`metadata.labels.env`), lists by index (`a.0`);
    /// scalars printed as Go prints them. This is what post-selectors match against.
    public static func flatten(_ params: [String: TemplateValue]) -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ prefix: String, _ v: TemplateValue) {
            switch v {
            case .map(let m): for (k, x) in m { walk(prefix.isEmpty ? k : "\(prefix).\(k)", x) }
            case .list(let l): for (i, x) in l.enumerated() { walk(prefix.isEmpty ? String(i) : "\(prefix).\(i)", x) }
            default: out[prefix] = v.goString
            }
        }
        for (k, v) in params { walk(k, v) }
        return out
    }
}

/// One parameter set: what one generated Application is rendered from.
public typealias Params = [String: TemplateValue]
