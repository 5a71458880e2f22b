import KealmYAML

/// Reads typed fields of one object and reports shape errors naming the object and the field.
///
/// ```swift
/// let r = FieldReader(object: "Placement ns/p")
/// let n = try r.int(spec["numberOfClusters"], "spec.numberOfClusters")
/// ```
public struct FieldReader: Sendable {
    /// How the object is named in errors, e.g. `Placement default/web`.
    public let object: String

    public init(object: String) { self.object = object }

    /// A reader named after the object's kind, namespace and name.
    public init(_ node: YAMLNode, kind: String) {
        let name = node.string(at: "metadata", "name") ?? "<unnamed>"
        if let ns = node.string(at: "metadata", "namespace"), !ns.isEmpty {
            object = "\(kind) \(ns)/\(name)"
        } else {
            object = "\(kind) \(name)"
        }
    }

    /// An `invalid` error about a field of this object.
    public func error(_ field: String, _ message: String, hint: String? = nil) -> ModelError {
        ModelError(.invalid, message, object: object, field: field, hint: hint)
    }

    /// The text of a scalar; nil when absent or null; an error when the field is a collection.
    public func string(_ node: YAMLNode?, _ field: String) throws(ModelError) -> String? {
        guard let node, !node.isNull else { return nil }
        guard let s = node.scalar else { throw error(field, "expected a string, found a \(node.pairs != nil ? "mapping" : "sequence")") }
        return s.value
    }

    /// An integer; nil when absent; an error when not an integer.
    public func int(_ node: YAMLNode?, _ field: String) throws(ModelError) -> Int? {
        guard let node, !node.isNull else { return nil }
        guard let v = node.intValue ?? node.string.flatMap({ Int($0) }) else {
            throw error(field, "expected an integer, found \(JSON.encode(node))")
        }
        return v
    }

    /// A boolean; nil when absent; an error when not a boolean.
    public func bool(_ node: YAMLNode?, _ field: String) throws(ModelError) -> Bool? {
        guard let node, !node.isNull else { return nil }
        if let b = node.boolValue { return b }
        switch node.string { case "true": return true; case "false": return false; default: break }
        throw error(field, "expected true or false, found \(JSON.encode(node))")
    }

    /// The items of a sequence (empty when absent); an error when the field is not a sequence.
    public func items(_ node: YAMLNode?, _ field: String) throws(ModelError) -> [YAMLNode] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.items else { throw error(field, "expected a list") }
        return items
    }

    /// The pairs of a mapping (empty when absent); an error when the field is not a mapping.
    public func pairs(_ node: YAMLNode?, _ field: String) throws(ModelError) -> [YAMLPair] {
        guard let node, !node.isNull else { return [] }
        guard let pairs = node.pairs else { throw error(field, "expected a mapping") }
        return pairs
    }

    /// A list of strings (empty when absent).
    public func strings(_ node: YAMLNode?, _ field: String) throws(ModelError) -> [String] {
        var out: [String] = []
        for (i, item) in try items(node, field).enumerated() {
            guard let s = try string(item, "\(field)[\(i)]") else { continue }
            out.append(s)
        }
        return out
    }

    /// A mapping of strings (empty when absent).
    public func stringMap(_ node: YAMLNode?, _ field: String) throws(ModelError) -> [String: String] {
        var out: [String: String] = [:]
        for p in try pairs(node, field) {
            out[p.key.value] = try string(p.value, "\(field).\(p.key.value)") ?? ""
        }
        return out
    }

    /// A label selector (`matchLabels`, `matchExpressions`); nil when absent.
    public func selector(_ node: YAMLNode?, _ field: String) throws(ModelError) -> LabelSelector? {
        guard let node, !node.isNull else { return nil }
        do {
            return try LabelSelector(node: node)
        } catch {
            throw ModelError(.invalid, error.message, object: object, field: "\(field).\(error.field ?? "")", hint: error.hint)
        }
    }
}
