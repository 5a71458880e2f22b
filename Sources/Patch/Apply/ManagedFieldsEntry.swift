import KealmYAML

/// One `metadata.managedFields` entry: which fields a manager owns, through which operation.
public struct ManagedFieldsEntry: Sendable, Hashable {
    /// `Apply` (server-side apply) or `Update` (create, update, patch).
    public enum Operation: String, Sendable, Hashable {
        case apply = "Apply"
        case update = "Update"
    }

    /// The field manager's name (`kubectl`, `kealm`, `before-first-apply`).
    public var manager: String
    /// How the fields were written.
    public var operation: Operation
    /// The apiVersion the fields were recorded in.
    public var apiVersion: String
    /// RFC 3339 time of the last change, given by the caller (pure code reads no clock).
    public var time: String?
    /// The subresource written through (`status`), if any.
    public var subresource: String?
    /// The owned fields.
    public var fields: FieldSet

    public init(manager: String, operation: Operation, apiVersion: String, time: String?, subresource: String? = nil, fields: FieldSet) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    /// True when this entry is the one `manager` writes with `operation` (and subresource).
    public func isSlot(manager: String, operation: Operation, subresource: String?) -> Bool {
        self.manager == manager && self.operation == operation && self.subresource == subresource
    }

    /// The entry as it appears in `metadata.managedFields`.
    public var node: YAMLNode {
        var pairs = [YAMLPair("apiVersion", .string(apiVersion)), YAMLPair("fieldsType", .string("FieldsV1")),
                     YAMLPair("fieldsV1", fields.fieldsV1), YAMLPair("manager", .string(manager)),
                     YAMLPair("operation", .string(operation.rawValue))]
        if let subresource { pairs.append(YAMLPair("subresource", .string(subresource))) }
        if let time { pairs.append(YAMLPair("time", .string(time))) }
        return .mapping(pairs)
    }

    /// Reads an entry; entries with another `fieldsType` or a malformed `fieldsV1` are errors.
    public init(node: YAMLNode) throws {
        guard let manager = node.string(at: "manager"), let op = node.string(at: "operation").flatMap(Operation.init(rawValue:)) else {
            throw PatchError(.invalidPatch, "a managedFields entry needs `manager` and `operation` (Apply or Update)", path: "metadata.managedFields")
        }
        if let t = node.string(at: "fieldsType"), t != "FieldsV1" {
            throw PatchError(.invalidPatch, "fieldsType \(t) is not supported (only FieldsV1)", path: "metadata.managedFields")
        }
        self.init(
            manager: manager, operation: op, apiVersion: node.string(at: "apiVersion") ?? "", time: node.string(at: "time"),
            subresource: node.string(at: "subresource"), fields: try FieldSet(fieldsV1: node["fieldsV1"] ?? .mapping([])))
    }

    /// The entries of an object's `metadata.managedFields`.
    public static func entries(of object: YAMLNode) throws -> [ManagedFieldsEntry] {
        try (object[path: ["metadata", "managedFields"]]?.items ?? []).map(ManagedFieldsEntry.init(node:))
    }

    /// `object` with its `metadata.managedFields` set to `entries` (removed when empty).
    public static func setting(_ entries: [ManagedFieldsEntry], on object: YAMLNode) -> YAMLNode {
        var o = object
        o[path: ["metadata", "managedFields"]] = entries.isEmpty ? nil : .sequence(entries.map(\.node))
        return o
    }
}
