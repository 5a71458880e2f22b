import KealmYAML

/// One node of a CRD's `openAPIV3Schema` as the server validates and prunes with it: the
/// structural parts (type, properties, items, additionalProperties), the value checks, and the
/// Kubernetes extensions (`nullable`, `x-kubernetes-int-or-string`, `x-kubernetes-preserve-unknown-fields`,
/// `x-kubernetes-embedded-resource`). Unsupported keywords (`allOf`, `anyOf`, `oneOf`, `not`, CEL rules) are ignored.
final class CRDSchemaNode: Sendable {
    let type: String?
    /// Declared properties, in schema order.
    let properties: [(String, CRDSchemaNode)]
    let propertyIndex: [String: CRDSchemaNode]
    let items: CRDSchemaNode?
    /// `additionalProperties` as a schema (a map); `additionalAny` when it is `true`.
    let additional: CRDSchemaNode?
    let additionalAny: Bool
    let required: [String]
    let enumValues: [YAMLNode]?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Bool
    let exclusiveMaximum: Bool
    let pattern: String?
    let minLength: Int?
    let maxLength: Int?
    let minItems: Int?
    let maxItems: Int?
    let minProperties: Int?
    let maxProperties: Int?
    let nullable: Bool
    let intOrString: Bool
    let preserveUnknown: Bool
    let embeddedResource: Bool
    let defaultValue: YAMLNode?
    /// `x-kubernetes-list-type` (`atomic`, `set`, `map`) and `x-kubernetes-list-map-keys`.
    let listType: String?
    let listMapKeys: [String]

    init(_ n: YAMLNode) {
        type = n.string(at: "type")
        var props: [(String, CRDSchemaNode)] = []
        for p in n["properties"]?.pairs ?? [] { props.append((p.key.value, CRDSchemaNode(p.value))) }
        properties = props
        propertyIndex = Dictionary(props, uniquingKeysWith: { a, _ in a })
        items = n["items"].flatMap { $0.pairs != nil ? CRDSchemaNode($0) : nil }
        let add = n["additionalProperties"]
        additional = add.flatMap { $0.pairs != nil ? CRDSchemaNode($0) : nil }
        additionalAny = add?.boolValue == true
        required = (n["required"]?.items ?? []).compactMap(\.string)
        enumValues = n["enum"]?.items
        func number(_ k: String) -> Double? { n[k]?.scalar.flatMap { Double($0.value) } }
        minimum = number("minimum")
        maximum = number("maximum")
        exclusiveMinimum = n["exclusiveMinimum"]?.boolValue ?? false
        exclusiveMaximum = n["exclusiveMaximum"]?.boolValue ?? false
        pattern = n.string(at: "pattern")
        minLength = n["minLength"]?.intValue
        maxLength = n["maxLength"]?.intValue
        minItems = n["minItems"]?.intValue
        maxItems = n["maxItems"]?.intValue
        minProperties = n["minProperties"]?.intValue
        maxProperties = n["maxProperties"]?.intValue
        nullable = n["nullable"]?.boolValue ?? false
        intOrString = n["x-kubernetes-int-or-string"]?.boolValue ?? false
        preserveUnknown = n["x-kubernetes-preserve-unknown-fields"]?.boolValue ?? false
        embeddedResource = n["x-kubernetes-embedded-resource"]?.boolValue ?? false
        defaultValue = n["default"]
        listType = n.string(at: "x-kubernetes-list-type")
        listMapKeys = (n["x-kubernetes-list-map-keys"]?.items ?? []).compactMap(\.string)
    }

    /// The schema of a mapping's key: a declared property, else the additionalProperties schema.
    func child(_ key: String) -> CRDSchemaNode? { propertyIndex[key] ?? additional }

    /// True when keys that are not declared are kept (preserved, or a map).
    var keepsUnknown: Bool { preserveUnknown || additional != nil || additionalAny }
}
