import KealmModel
import KealmYAML

/// Reads a `PatchSchema` from Kealm's compact schema text.
///
/// The text is YAML with three mappings:
/// ```yaml
/// kinds:                       # group/version/Kind (or version/Kind for the core group): root type
///   apps/v1/Deployment: apps.v1.Deployment
/// aliases:                     # another GVK that shares a kind's root type
///   extensions/v1beta1/Deployment: apps/v1/Deployment
/// types:                       # object type: field: spec
///   core.v1.PodSpec:
///     "@": atomic              # (type attributes: `atomic`, `map[]<T>` for additionalProperties)
///     containers: "[]core.v1.Container merge(name) map(name)"
/// ```
/// A field spec is an optional type (`T`, `[]T`, `[]`, `map[]T`, `map[]`) followed by attributes:
/// `merge(key)` (merge strategy with merge key), `merge` (merged list of scalars), `retainKeys`,
/// `replace`, `map(k1,k2)` / `set` / `atomic` (list type, or an atomic map/struct for non-lists);
/// a map key may carry the string default the API server gives it (`map(port,protocol=TCP)`).
/// Every root type gets `metadata` typed `meta.v1.ObjectMeta` unless it lists its own.
public enum SchemaText {
    /// Parses schema text. Errors name the type and field that are malformed.
    public static func parse(_ text: String, origin: String = "schema") throws -> PatchSchema {
        let root: YAMLNode
        do { root = try YAMLParser.parse(text, file: origin) } catch { throw PatchError.schema("\(error)", source: origin) }
        var schema = PatchSchema()
        for pair in root["types"]?.pairs ?? [] {
            var type = ObjectType()
            for f in pair.value.pairs ?? [] {
                let spec = f.value.string ?? ""
                if f.key.value == "@" {
                    for token in spec.split(separator: " ") {
                        if token == "atomic" {
                            type.atomic = true
                        } else if token.hasPrefix("map[]") {
                            type.additional = .of(try parseType(String(token.dropFirst(5)), pair.key.value))
                        }
                    }
                    continue
                }
                type.fields[f.key.value] = try parseField(spec, type: pair.key.value, field: f.key.value)
            }
            schema.types[pair.key.value] = type
        }
        for pair in root["kinds"]?.pairs ?? [] {
            guard let gvk = parseGVK(pair.key.value), let name = pair.value.string else {
                throw PatchError.schema("kind \(pair.key.value) must be group/version/Kind: typeName", source: origin)
            }
            schema.kinds[gvk] = name
        }
        for pair in root["aliases"]?.pairs ?? [] {
            guard let alias = parseGVK(pair.key.value), let target = pair.value.string.flatMap(parseGVK),
                let name = schema.kinds[target]
            else { throw PatchError.schema("alias \(pair.key.value) must name a known kind", source: origin) }
            schema.kinds[alias] = name
        }
        for name in Set(schema.kinds.values) where schema.types[name]?.fields["metadata"] == nil {
            schema.types[name, default: ObjectType()].fields["metadata"] = .of(.object("meta.v1.ObjectMeta"))
        }
        return schema
    }

    /// Parses `group/version/Kind` or `version/Kind`.
    public static func parseGVK(_ s: String) -> GVK? {
        let parts = s.split(separator: "/").map(String.init)
        switch parts.count {
        case 2: return GVK(group: "", version: parts[0], kind: parts[1])
        case 3: return GVK(group: parts[0], version: parts[1], kind: parts[2])
        default: return nil
        }
    }

    static func parseField(_ spec: String, type: String, field: String) throws -> FieldSchema {
        var f = FieldSchema()
        for token in spec.split(separator: " ").map(String.init) {
            if token.hasPrefix("merge(") && token.hasSuffix(")") {
                f.mergeStrategy = true
                f.mergeKey = String(token.dropFirst(6).dropLast())
            } else if token.hasPrefix("map(") && token.hasSuffix(")") {
                f.explicitListType = .map
                for key in token.dropFirst(4).dropLast().split(separator: ",") {
                    let parts = key.split(separator: "=", maxSplits: 1).map(String.init)
                    f.listMapKeys.append(parts[0])
                    if parts.count == 2 { f.listMapKeyDefaults[parts[0]] = .string(parts[1]) }
                }
            } else {
                switch token {
                case "merge": f.mergeStrategy = true
                case "retainKeys": f.retainKeys = true
                case "replace": f.replaceStrategy = true
                case "set": f.explicitListType = .set
                case "atomic":
                    if case .list = f.type { f.explicitListType = .atomic } else { f.atomic = true }
                case "?": break
                default: f.type = try parseType(token, "\(type).\(field)")
                }
            }
        }
        return f
    }

    static func parseType(_ token: String, _ at: String) throws -> ValueType {
        if token.hasPrefix("[]") { return .list(try parseType(String(token.dropFirst(2)), at)) }
        if token.hasPrefix("map[]") { return .map(try parseType(String(token.dropFirst(5)), at)) }
        if token.isEmpty { return .unknown }
        guard token.contains(".") else { throw PatchError.schema("unknown token \(token)", source: at) }
        return .object(token)
    }
}
