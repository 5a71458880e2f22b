import KealmYAML

/// A value in the small CEL evaluator used by `celSelector`.
enum CELValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([CELValue])
    case map([String: CELValue])

    /// Converts a YAML node, typing scalars by the YAML 1.2 core schema.
    init(_ node: YAMLNode) {
        switch node {
        case .scalar(let s):
            switch ScalarResolver.resolve(s) {
            case .null: self = .null
            case .bool: self = .bool(ScalarResolver.boolValue(s.value) ?? false)
            case .int: self = ScalarResolver.intValue(s.value).map { .int($0) } ?? .string(s.value)
            case .float: self = Double(s.value).map { .double($0) } ?? .string(s.value)
            case .string: self = .string(s.value)
            }
        case .sequence(let items): self = .list(items.map(CELValue.init))
        case .mapping(let pairs):
            var m: [String: CELValue] = [:]
            for p in pairs { m[p.key.value] = CELValue(p.value) }
            self = .map(m)
        }
    }

    var truthy: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

/// A CEL expression that does not parse or uses something this evaluator does not support.
public struct CELError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
