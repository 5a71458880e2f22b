import KealmYAML

/// One entry of `metadata.managedFields`.
public struct ManagedFieldsEntry: Sendable, Hashable {
    public var manager: String
    /// `Apply` or `Update`.
    public var operation: String
    public var subresource: String
    public var fields: FieldSet

    /// Reads every entry of an object's `metadata.managedFields` (entries without fieldsV1 are skipped).
    public static func read(_ object: YAMLNode) -> [ManagedFieldsEntry] {
        (object[path: ["metadata", "managedFields"]]?.items ?? []).compactMap { e in
            guard let manager = e.string(at: "manager"), let f = e["fieldsV1"], e.string(at: "fieldsType") ?? "FieldsV1" == "FieldsV1" else { return nil }
            return ManagedFieldsEntry(manager: manager, operation: e.string(at: "operation") ?? "", subresource: e.string(at: "subresource") ?? "",
                fields: FieldSet(fieldsV1: f))
        }
    }

    /// The union of the fields owned by the given managers (main resource only, not subresources).
    public static func union(_ entries: [ManagedFieldsEntry], managers: Set<String>) -> FieldSet? {
        var set: FieldSet? = nil
        for e in entries where managers.contains(e.manager) && e.subresource.isEmpty {
            if set == nil { set = e.fields } else { set!.formUnion(e.fields) }
        }
        return set
    }
}
