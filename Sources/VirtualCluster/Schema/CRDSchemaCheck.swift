import KealmYAML

/// One failed field of a custom resource, as a `Status` cause (`details.causes[]`).
struct FieldCause: Sendable, Equatable {
    /// `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, `FieldValueTypeInvalid`,
    /// `FieldValueTooLong`, `FieldValueTooMany`.
    var reason: String
    /// The message without the field (`Required value`, `Invalid value: 0: …`).
    var message: String
    /// The field path (`spec.replicas`, `spec.ports[0].name`).
    var field: String

    /// `field: message`, as the API server joins them into the Status message.
    var text: String { "\(field): \(message)" }
}

/// Prunes and validates a custom resource against its CRD's `openAPIV3Schema`, as the API server
/// does before storing it: unknown fields are removed (unless `x-kubernetes-preserve-unknown-fields`
/// or `additionalProperties` keep them), nulls of non-nullable fields are dropped, missing fields
/// with a `default` get it, and then every value is checked (type, required, enum, bounds, pattern,
/// lengths, item counts).
struct CRDSchemaCheck {
    let root: CRDSchemaNode

    /// Prunes `node` in place and returns the paths of the unknown fields it removed.
    func prune(_ node: inout YAMLNode) -> [String] {
        var removed: [String] = []
        node = prune(node, root, path: "", isRoot: true, removed: &removed)
        return removed
    }

    func prune(_ node: YAMLNode, _ s: CRDSchemaNode, path: String, isRoot: Bool, removed: inout [String]) -> YAMLNode {
        switch node {
        case .mapping(let pairs):
            if s.type != nil && s.type != "object" { return node }
            var out: [YAMLPair] = []
            let keepsMeta = isRoot || s.embeddedResource
            for p in pairs {
                let key = p.key.value
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if keepsMeta && Self.objectHeader.contains(key) {
                    out.append(p)
                    continue
                }
                guard let child = s.child(key) else {
                    if s.keepsUnknown { out.append(p) } else { removed.append(childPath) }
                    continue
                }
                if p.value.isNull && !child.nullable { continue }
                out.append(YAMLPair(key: p.key, value: prune(p.value, child, path: childPath, isRoot: false, removed: &removed)))
            }
            for (key, child) in s.properties where child.defaultValue != nil && !out.contains(where: { $0.key.value == key }) {
                out.append(YAMLPair(key, child.defaultValue!))
            }
            return .mapping(out)
        case .sequence(let items):
            guard let itemSchema = s.items else { return node }
            return .sequence(items.enumerated().map { i, v in prune(v, itemSchema, path: "\(path)[\(i)]", isRoot: false, removed: &removed) })
        case .scalar:
            return node
        }
    }

    /// The causes of every invalid value of `node`.
    func validate(_ node: YAMLNode) -> [FieldCause] {
        var causes: [FieldCause] = []
        validate(node, root, path: "", isRoot: true, &causes)
        return causes
    }

    func validate(_ node: YAMLNode, _ s: CRDSchemaNode, path: String, isRoot: Bool, _ causes: inout [FieldCause]) {
        let shown = path.isEmpty ? "body" : path
        func invalid(_ detail: String) {
            causes.append(FieldCause(reason: "FieldValueInvalid", message: "Invalid value: \(Self.show(node)): \(shown) in body \(detail)", field: shown))
        }
        if node.isNull {
            if !s.nullable && s.type != nil {
                causes.append(FieldCause(reason: "FieldValueTypeInvalid", message: "Invalid value: \"null\": \(shown) in body must be of type \(s.type!): \"null\"", field: shown))
            }
            return
        }
        let actual = Self.jsonType(node)
        if s.intOrString {
            if actual != "integer" && actual != "string" {
                causes.append(FieldCause(reason: "FieldValueTypeInvalid", message: "Invalid value: \"\(actual)\": \(shown) in body must be of type integer,string: \"\(actual)\"", field: shown))
                return
            }
        } else if let type = s.type, !Self.conforms(actual, node, to: type) {
            causes.append(FieldCause(reason: "FieldValueTypeInvalid", message: "Invalid value: \"\(actual)\": \(shown) in body must be of type \(type): \"\(actual)\"", field: shown))
            return
        }
        if let values = s.enumValues, !values.contains(where: { Self.same($0, node) }) {
            let supported = values.map(Self.show).joined(separator: ", ")
            causes.append(FieldCause(reason: "FieldValueNotSupported", message: "Unsupported value: \(Self.show(node)): supported values: \(supported)", field: shown))
        }
        switch node {
        case .scalar(let sc):
            if actual == "integer" || actual == "number", let v = Double(sc.value) {
                if let min = s.minimum, s.exclusiveMinimum ? v <= min : v < min {
                    invalid("should be greater than \(s.exclusiveMinimum ? "" : "or equal to ")\(Self.number(min))")
                }
                if let max = s.maximum, s.exclusiveMaximum ? v >= max : v > max {
                    invalid("should be less than \(s.exclusiveMaximum ? "" : "or equal to ")\(Self.number(max))")
                }
            }
            if actual == "string" {
                let length = sc.value.count
                if let min = s.minLength, length < min { invalid("should be at least \(min) chars long") }
                if let max = s.maxLength, length > max {
                    causes.append(FieldCause(reason: "FieldValueTooLong", message: "Too long: may not be more than \(max) bytes", field: shown))
                }
                if let p = s.pattern, let re = try? Regex(p), sc.value.firstMatch(of: re) == nil { invalid("should match '\(p)'") }
            }
        case .sequence(let items):
            if let min = s.minItems, items.count < min { invalid("should have at least \(min) items") }
            if let max = s.maxItems, items.count > max {
                causes.append(FieldCause(reason: "FieldValueTooMany", message: "Too many: \(items.count): must have at most \(max) items", field: shown))
            }
            if let itemSchema = s.items {
                for (i, item) in items.enumerated() { validate(item, itemSchema, path: "\(path)[\(i)]", isRoot: false, &causes) }
            }
            duplicates(items, s, path: path, &causes)
        case .mapping(let pairs):
            if let min = s.minProperties, pairs.count < min { invalid("should have at least \(min) properties") }
            if let max = s.maxProperties, pairs.count > max { invalid("should have at most \(max) properties") }
            for key in s.required where node[key] == nil || (node[key]!.isNull && !(s.propertyIndex[key]?.nullable ?? false)) {
                causes.append(FieldCause(reason: "FieldValueRequired", message: "Required value", field: path.isEmpty ? key : "\(path).\(key)"))
            }
            for p in pairs {
                let key = p.key.value
                if (isRoot || s.embeddedResource) && Self.objectHeader.contains(key) { continue }
                guard let child = s.child(key) else { continue }
                let childPath = s.propertyIndex[key] != nil ? (path.isEmpty ? key : "\(path).\(key)") : "\(path)[\(key)]"
                validate(p.value, child, path: childPath, isRoot: false, &causes)
            }
        }
    }

    /// Items of a `set` list must be distinct, and so must the keys of a `map` list's items.
    func duplicates(_ items: [YAMLNode], _ s: CRDSchemaNode, path: String, _ causes: inout [FieldCause]) {
        guard s.listType == "set" || (s.listType == "map" && !s.listMapKeys.isEmpty) else { return }
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let identity: String
            let shown: String
            if s.listType == "set" {
                identity = JSON.encode(item)
                shown = Self.show(item)
            } else {
                let keys = s.listMapKeys.map { k in (k, item[k] ?? .null) }
                identity = JSON.encode(.mapping(keys.map { YAMLPair($0.0, $0.1) }))
                shown = "map[string]interface {}{" + keys.map { "\"\($0.0)\":\(Self.show($0.1))" }.joined(separator: ", ") + "}"
            }
            if !seen.insert(identity).inserted {
                causes.append(FieldCause(reason: "FieldValueDuplicate", message: "Duplicate value: \(shown)", field: "\(path)[\(i)]"))
            }
        }
    }

    /// Fields of a resource (the root, or an embedded resource) that the schema does not govern:
    /// the server handles them as ObjectMeta and type information.
    static let objectHeader: Set<String> = ["apiVersion", "kind", "metadata"]

    /// The JSON type of a value: `object`, `array`, `string`, `integer`, `number`, `boolean`, `null`.
    static func jsonType(_ n: YAMLNode) -> String {
        switch n {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar:
            switch n.scalarKind {
            case .int: return "integer"
            case .float: return "number"
            case .bool: return "boolean"
            case .null: return "null"
            default: return "string"
            }
        }
    }

    static func conforms(_ actual: String, _ node: YAMLNode, to type: String) -> Bool {
        if actual == type { return true }
        if type == "number" && actual == "integer" { return true }
        if type == "integer" && actual == "number", let d = node.scalar.flatMap({ Double($0.value) }) { return d == d.rounded() }
        return false
    }

    static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        if let x = a.scalar, let y = b.scalar, jsonType(a) == jsonType(b) || (Double(x.value) != nil && Double(y.value) != nil) {
            if let dx = Double(x.value), let dy = Double(y.value), jsonType(a) != "string" { return dx == dy }
            return x.value == y.value
        }
        return JSON.encode(a) == JSON.encode(b)
    }

    /// A value as the API server shows it in a message: strings quoted, numbers and booleans bare.
    static func show(_ n: YAMLNode) -> String {
        if jsonType(n) == "string", let s = n.string { return JSONText.str(s) }
        if let s = n.scalar { return s.value }
        return JSON.encode(n)
    }

    static func number(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
}
