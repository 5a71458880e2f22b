import KealmModel
import KealmYAML

/// Reads patch schema from an OpenAPI v2 (`definitions`) or v3 (`components.schemas`) document, as
/// kustomize's `openapi: path:` field and Kubernetes' `/openapi/v2` and `/openapi/v3` serve them.
///
/// Definitions become object types; `x-kubernetes-group-version-kind` makes a definition the root
/// of those kinds; properties carry `x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`,
/// `x-kubernetes-list-type`, `x-kubernetes-list-map-keys` and `x-kubernetes-map-type`. `$ref`s
/// (`#/definitions/X`, `#/components/schemas/X`, or `allOf: [{$ref}]`) name other definitions.
/// Kubernetes definition names are shortened as the built-in schema names them
/// (`io.k8s.api.core.v1.PodSpec` → `core.v1.PodSpec`), so a document that refers to a
/// Kubernetes type it does not define falls back on the built-in type when layered over it.
public enum OpenAPISchemaLoader {
    /// Loads the definitions of a parsed OpenAPI document.
    public static func load(_ document: YAMLNode, origin: String = "openapi") throws -> PatchSchema {
        let defs = document["definitions"] ?? document[path: ["components", "schemas"]]
        guard let pairs = defs?.pairs else {
            throw PatchError.schema("no `definitions` (OpenAPI v2) or `components.schemas` (OpenAPI v3) found", source: origin)
        }
        var builder = SchemaBuilder()
        for pair in pairs {
            let name = shortName(pair.key.value)
            builder.defineObject(name, from: pair.value)
            for gvk in pair.value["x-kubernetes-group-version-kind"]?.items ?? [] {
                guard let version = gvk.string(at: "version"), let kind = gvk.string(at: "kind") else { continue }
                builder.schema.kinds[GVK(group: gvk.string(at: "group") ?? "", version: version, kind: kind)] = name
            }
        }
        builder.typeRootMetadata()
        return builder.schema
    }

    /// Loads an OpenAPI document from its JSON or YAML text.
    public static func load(text: String, origin: String = "openapi") throws -> PatchSchema {
        let doc: YAMLNode
        do { doc = try YAMLParser.parse(text, file: origin) } catch { throw PatchError.schema("\(error)", source: origin) }
        return try load(doc, origin: origin)
    }

    /// The built-in schema's name for a definition name.
    public static func shortName(_ name: String) -> String {
        for prefix in ["io.k8s.api.", "io.k8s.apimachinery.pkg.apis."] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}

/// Builds object types from JSON-schema nodes (shared by the OpenAPI and CRD loaders).
struct SchemaBuilder {
    var schema = PatchSchema()

    /// Gives every root type a `metadata` of type `meta.v1.ObjectMeta` when it declares none with
    /// properties (finalizers and owner references then merge as for built-in kinds).
    mutating func typeRootMetadata() {
        for name in Set(schema.kinds.values) {
            let f = schema.types[name]?.fields["metadata"]
            if f == nil || f?.type == .unknown {
                schema.types[name, default: ObjectType()].fields["metadata"] = .of(.object("meta.v1.ObjectMeta"))
            }
        }
    }

    /// Defines an object type from a schema node, returning its name.
    mutating func defineObject(_ name: String, from node: YAMLNode) {
        var type = ObjectType()
        type.atomic = node.string(at: "x-kubernetes-map-type") == "atomic"
        for prop in node["properties"]?.pairs ?? [] {
            type.fields[prop.key.value] = field(prop.value, path: "\(name).\(prop.key.value)")
        }
        if let add = node["additionalProperties"], add.pairs != nil {
            type.additional = field(add, path: "\(name).*")
        }
        schema.types[name] = type
    }

    /// The field schema of a property node; nested inline objects become types named after `path`.
    mutating func field(_ node: YAMLNode, path: String) -> FieldSchema {
        var f = FieldSchema(type: valueType(node, path: path))
        for s in (node.string(at: "x-kubernetes-patch-strategy") ?? "").split(separator: ",") {
            switch s.trimmingCharacters(in: .whitespaces) {
            case "merge": f.mergeStrategy = true
            case "retainKeys": f.retainKeys = true
            case "replace": f.replaceStrategy = true
            default: break
            }
        }
        f.mergeKey = node.string(at: "x-kubernetes-patch-merge-key")
        if let lt = node.string(at: "x-kubernetes-list-type") { f.explicitListType = ListType(rawValue: lt) }
        f.listMapKeys = (node["x-kubernetes-list-map-keys"]?.items ?? []).compactMap(\.string)
        for k in f.listMapKeys {
            if let d = node[path: ["items", "properties", k, "default"]] { f.listMapKeyDefaults[k] = d }
        }
        if node.string(at: "x-kubernetes-map-type") == "atomic" { f.atomic = true }
        return f
    }

    mutating func valueType(_ node: YAMLNode, path: String) -> ValueType {
        if let ref = refName(node) { return .object(ref) }
        let type = node.string(at: "type")
        if type == "array" || (type == nil && node["items"] != nil) {
            guard let items = node["items"] else { return .list(.unknown) }
            return .list(valueType(items, path: path + "[]"))
        }
        if node["properties"] != nil {
            defineObject(path, from: node)
            return .object(path)
        }
        if let add = node["additionalProperties"], add.pairs != nil {
            return .map(valueType(add, path: path + ".*"))
        }
        return .unknown
    }

    func refName(_ node: YAMLNode) -> String? {
        if let ref = node.string(at: "$ref") {
            let name = ref.split(separator: "/").last.map(String.init) ?? ref
            return OpenAPISchemaLoader.shortName(name)
        }
        if let all = node["allOf"]?.items, all.count == 1 { return refName(all[0]) }
        return nil
    }
}
