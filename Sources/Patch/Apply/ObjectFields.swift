import KealmModel
import KealmYAML

/// The field paths of an object, as server-side apply sees them, with the value of each leaf.
///
/// Scalars, nulls, empty maps, atomic lists and atomic maps are leaves; items of associative
/// (`map`) lists are members addressed by their keys (`k:{"name":"app"}`) with their fields below;
/// items of `set` lists are leaves addressed by value (`v:"x"`); map keys that the schema does not
/// declare (additionalProperties) are members too. Lists the schema does not know are atomic, as
/// Kubernetes treats them. `apiVersion`, `kind`, `metadata.name`/`namespace`, `metadata.managedFields`
/// and the fields the server sets (`uid`, `resourceVersion`, `generation`, `creationTimestamp`, …)
/// are left out. An associative-list item missing a key field takes the key's default from the
/// schema (a port's `protocol: TCP`, as the API server defaults it), else is keyed by the fields it has.
public struct ObjectFields: Sendable {
    /// Leaf paths and their values.
    public var leaves: [FieldPath: YAMLNode] = [:]
    /// Member paths that are not leaves (list items, undeclared map keys with content).
    public var inner: Set<FieldPath> = []

    /// Every member path.
    public var set: FieldSet { FieldSet(Set(leaves.keys).union(inner)) }

    /// Metadata fields that no manager owns (identity and server-set fields, as Kubernetes strips them).
    public static let serverSetMetadata: Set<String> = [
        "name", "namespace", "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink",
        "clusterName", "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// Top-level fields that no manager owns.
    public static let identityFields: Set<String> = ["apiVersion", "kind"]

    init() {}

    /// Reads the fields of `object`, typed by `gvk` in `schema` (falling back on the object's own kind).
    public init(of object: YAMLNode, schema: PatchSchema, gvk: GVK? = nil) {
        var root = gvk.map { schema.root(for: $0) } ?? .of(.unknown)
        if root.type == .unknown { root = schema.root(of: object) }
        var walker = Walker(schema: schema)
        walker.walk(object, root, FieldPath([]))
        self = walker.out
    }

    struct Walker {
        let schema: PatchSchema
        var out = ObjectFields()

        mutating func walk(_ node: YAMLNode, _ field: FieldSchema, _ path: FieldPath) {
            switch node {
            case .scalar:
                if !path.elements.isEmpty { out.leaves[path] = node }
            case .mapping(let pairs):
                if !path.elements.isEmpty && (pairs.isEmpty || schema.isAtomicObject(field)) {
                    out.leaves[path] = node
                    return
                }
                let declared: (String) -> Bool
                switch field.type {
                case .map: declared = { _ in false }
                case .object(let name):
                    let t = schema.types[name]
                    declared = { t == nil || t!.additional == nil || t!.fields[$0] != nil }
                default: declared = { _ in true }
                }
                let isMetadata = path.elements == [.field("metadata")]
                for p in pairs {
                    if isMetadata && ObjectFields.serverSetMetadata.contains(p.key.value) { continue }
                    if path.elements.isEmpty && ObjectFields.identityFields.contains(p.key.value) { continue }
                    let childPath = path.appending(.field(p.key.value))
                    walk(p.value, schema.child(field, p.key.value), childPath)
                    if !declared(p.key.value), out.leaves[childPath] == nil { out.inner.insert(childPath) }
                }
            case .sequence(let items):
                guard !path.elements.isEmpty else { return }
                let elem = schema.element(field)
                switch field.listType {
                case .atomic:
                    out.leaves[path] = node
                case .set:
                    for item in items { out.leaves[path.appending(.value(JSON.encode(item)))] = item }
                case .map:
                    let elements = items.map { ObjectFields.itemElement($0, field) }
                    if elements.contains(where: { $0 == nil }) {
                        out.leaves[path] = node
                        return
                    }
                    for (item, e) in zip(items, elements) {
                        let itemPath = path.appending(e!)
                        walk(item, elem, itemPath)
                        if out.leaves[itemPath] == nil { out.inner.insert(itemPath) }
                    }
                }
            }
        }
    }

    /// The `k:` element of an item of the associative list `list` (missing keys take their
    /// schema default); nil when it has none of the keys.
    static func itemElement(_ item: YAMLNode, _ list: FieldSchema) -> PathElement? {
        guard item.pairs != nil else { return nil }
        let fields = list.ssaKeys.compactMap { k in (item[k] ?? list.listMapKeyDefaults[k]).map { (k, $0) } }
        guard fields.contains(where: { item[$0.0] != nil }) else { return nil }
        return PathElement.key(fields)
    }
}
