import KealmModel
import KealmYAML

/// The shape of a value as far as patching cares: a named object type, a list, a map, or unknown.
public indirect enum ValueType: Sendable, Hashable {
    /// Nothing known: a scalar, or a collection without schema (maps merge, lists are replaced).
    case unknown
    /// An object whose fields are described by the named `ObjectType` of the schema.
    case object(String)
    /// A list whose items have the given type.
    case list(ValueType)
    /// A map with arbitrary keys whose values have the given type.
    case map(ValueType)
}

/// The Kubernetes `x-kubernetes-list-type` of a list, used by server-side apply.
public enum ListType: String, Sendable, Hashable {
    /// The list is owned and replaced as a whole.
    case atomic
    /// A list of distinct scalars; each value is owned separately.
    case set
    /// A list of objects identified by `listMapKeys`; each item is owned separately.
    case map
}

/// What patching needs to know about one field: its type, its strategic-merge-patch strategy and
/// merge key (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`), and its
/// server-side-apply list type and keys (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`).
public struct FieldSchema: Sendable, Hashable {
    /// The value's type.
    public var type: ValueType
    /// `merge` in `x-kubernetes-patch-strategy`: lists merge by `mergeKey` (or as a set of scalars).
    public var mergeStrategy: Bool
    /// `retainKeys` in `x-kubernetes-patch-strategy`.
    public var retainKeys: Bool
    /// `replace` in `x-kubernetes-patch-strategy`: the value is replaced as a whole.
    public var replaceStrategy: Bool
    /// `x-kubernetes-patch-merge-key`.
    public var mergeKey: String?
    /// `x-kubernetes-list-type`, when given.
    public var explicitListType: ListType?
    /// `x-kubernetes-list-map-keys`.
    public var listMapKeys: [String]
    /// Defaults of list-map keys (`protocol: TCP` for ports): the API server defaults an item's
    /// missing key before keying it, so server-side apply keys such an item with the default.
    public var listMapKeyDefaults: [String: YAMLNode] = [:]
    /// `x-kubernetes-map-type: atomic` / `x-kubernetes-struct-type: atomic` on the field.
    public var atomic: Bool

    public init(
        type: ValueType = .unknown, mergeStrategy: Bool = false, retainKeys: Bool = false, replaceStrategy: Bool = false,
        mergeKey: String? = nil, listType: ListType? = nil, listMapKeys: [String] = [], atomic: Bool = false
    ) {
        self.type = type
        self.mergeStrategy = mergeStrategy
        self.retainKeys = retainKeys
        self.replaceStrategy = replaceStrategy
        self.mergeKey = mergeKey
        self.explicitListType = listType
        self.listMapKeys = listMapKeys
        self.atomic = atomic
    }

    /// A field of the given type with no strategy.
    public static func of(_ type: ValueType) -> FieldSchema { FieldSchema(type: type) }

    /// The keys a strategic merge patch matches list items by, as kyaml reads them: the list-map keys
    /// when given, else the merge key. Empty for a merged list of scalars.
    public var smpKeys: [String] {
        if !listMapKeys.isEmpty { return listMapKeys }
        if let mergeKey { return [mergeKey] }
        return []
    }

    /// The list type server-side apply uses: explicit, else derived from the patch strategy as
    /// Kubernetes does (merge with key → map keyed by it, merge without key → set, otherwise atomic).
    public var listType: ListType {
        if let explicitListType { return explicitListType }
        if mergeStrategy { return mergeKey == nil ? .set : .map }
        return .atomic
    }

    /// The keys that identify an item of a `map` list for server-side apply.
    public var ssaKeys: [String] {
        if !listMapKeys.isEmpty { return listMapKeys }
        if let mergeKey { return [mergeKey] }
        return []
    }
}

/// The fields of an object type. Fields not listed are unknown (`ValueType.unknown`).
public struct ObjectType: Sendable, Hashable {
    /// Known fields by JSON name.
    public var fields: [String: FieldSchema]
    /// The schema of any other key (`additionalProperties`), when the object is a map.
    public var additional: FieldSchema?
    /// `x-kubernetes-map-type: atomic` / `+structType=atomic`: owned and replaced as a whole by apply.
    public var atomic: Bool

    public init(fields: [String: FieldSchema] = [:], additional: FieldSchema? = nil, atomic: Bool = false) {
        self.fields = fields
        self.additional = additional
        self.atomic = atomic
    }
}

/// Per-kind knowledge of how lists and maps merge, loaded as data.
///
/// A schema is a set of named object types and a table from group/version/kind to the root type of
/// that kind. `PatchSchema.builtin` describes the built-in Kubernetes kinds (pod templates in every
/// workload, containers by name, ports by `containerPort`+`protocol`, …); `adding(_:)` layers types
/// read from an OpenAPI document (`OpenAPISchemaLoader`) or from CRDs (`CRDSchemaLoader`) on top.
/// A kind the schema does not know has no root type: its maps merge and its lists are replaced.
public struct PatchSchema: Sendable {
    /// Object types by name (`core.v1.PodSpec`).
    public var types: [String: ObjectType]
    /// The root type of each kind.
    public var kinds: [GVK: String]

    public init(types: [String: ObjectType] = [:], kinds: [GVK: String] = [:]) {
        self.types = types
        self.kinds = kinds
    }

    /// An empty schema: every kind unknown.
    public static let empty = PatchSchema()

    /// The root type name of a kind, or nil when the kind is unknown.
    public func rootTypeName(for gvk: GVK) -> String? { kinds[gvk] }

    /// The schema of an object of the given kind, as a field description (`.unknown` when not known).
    public func root(for gvk: GVK) -> FieldSchema {
        if let name = kinds[gvk] { return .of(.object(name)) }
        return .of(.unknown)
    }

    /// The root of an object, read from its own `apiVersion` and `kind`.
    public func root(of object: YAMLNode) -> FieldSchema {
        guard let apiVersion = object.string(at: "apiVersion"), let kind = object.string(at: "kind") else { return .of(.unknown) }
        return root(for: GVK(apiVersion: apiVersion, kind: kind))
    }

    /// True when the kind has a root type.
    public func knows(_ gvk: GVK) -> Bool { kinds[gvk] != nil }

    /// The object type of a value type, when it names one.
    public func objectType(_ type: ValueType) -> ObjectType? {
        if case .object(let name) = type { return types[name] }
        return nil
    }

    /// The schema of a mapping's child `key`, given the mapping's own schema.
    public func child(_ parent: FieldSchema, _ key: String) -> FieldSchema {
        switch parent.type {
        case .object(let name):
            guard let t = types[name] else { return .of(.unknown) }
            return t.fields[key] ?? t.additional ?? .of(.unknown)
        case .map(let value):
            return .of(value)
        case .unknown, .list:
            return .of(.unknown)
        }
    }

    /// The schema of an item of a list, given the list's schema.
    public func element(_ list: FieldSchema) -> FieldSchema {
        if case .list(let item) = list.type { return .of(item) }
        return .of(.unknown)
    }

    /// True when the field's value is atomic for server-side apply (field flag or type flag).
    public func isAtomicObject(_ field: FieldSchema) -> Bool {
        if field.atomic { return true }
        if case .object(let name) = field.type { return types[name]?.atomic ?? false }
        return false
    }

    /// A schema with `other`'s types and kinds layered over this one's (other wins on equal names).
    public func adding(_ other: PatchSchema) -> PatchSchema {
        var s = self
        s.types.merge(other.types) { _, new in new }
        s.kinds.merge(other.kinds) { _, new in new }
        return s
    }
}
