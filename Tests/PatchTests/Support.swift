import Testing
import KealmModel
import KealmYAML
import Patch

/// Parses one YAML document (test input).
func yaml(_ text: String) -> YAMLNode {
    do { return try YAMLParser.parse(text) } catch { fatalError("test YAML does not parse: \(error)\n\(text)") }
}

/// A comparable rendering: keys sorted recursively, scalars typed as JSON. List order is kept.
func canon(_ node: YAMLNode) -> String {
    JSON.encode(sortedKeys(node))
}

func sortedKeys(_ node: YAMLNode) -> YAMLNode {
    switch node {
    case .mapping(let pairs):
        return .mapping(pairs.sorted { $0.key.value < $1.key.value }.map { YAMLPair(key: $0.key, value: sortedKeys($0.value)) })
    case .sequence(let items):
        return .sequence(items.map(sortedKeys))
    case .scalar:
        return node
    }
}

/// The GVK of an object.
func gvk(of node: YAMLNode) -> GVK {
    GVK(apiVersion: node.string(at: "apiVersion") ?? "", kind: node.string(at: "kind") ?? "")
}

/// One strategic-merge table row.
struct SMPCase: Sendable, CustomTestStringConvertible {
    let name: String
    let object: String
    let patch: String
    /// Expected object; "" when the patch deletes the object; "ERROR" when it must fail.
    let expected: String
    var testDescription: String { name }
}

func runSMP(_ c: SMPCase, mode: StrategicMerge.Mode, schema: PatchSchema = .builtin) throws -> String {
    let object = yaml(c.object)
    let result = try StrategicMerge.apply(patch: yaml(c.patch), to: object, schema: schema, gvk: gvk(of: object), mode: mode)
    return result.isNull ? "" : canon(result)
}
