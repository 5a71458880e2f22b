import KealmYAML

/// One simulation rule ("stage"): for objects of one apiVersion/kind that pass `when`, set status
/// fields the way the real controller would, after an optional delay.
///
/// Status values are templates: a string `${path}` or `${path|default}` is replaced by the value
/// at that dotted path of the object (keeping its type), `${now}` by the object's
/// creationTimestamp (so re-running a rule on an unchanged object changes nothing).
public struct StageRule: Sendable {
    public var name: String
    public var apiVersion: String
    public var kind: String
    /// Conditions that must all hold (any of the alternatives in each).
    public var when: [[StageCondition]]
    /// Status fields to set.
    public var status: YAMLNode
    /// Status fields to remove.
    public var removeStatus: [String]
    /// Milliseconds to wait before applying.
    public var delayMillis: Int

    /// Reads one rule from its YAML form (see `DefaultStages.yaml`).
    public init(node: YAMLNode) throws(APIError) {
        guard let name = node.string(at: "name"), let av = node.string(at: "match", "apiVersion"), let kind = node.string(at: "match", "kind")
        else { throw APIError.badRequest("stage rule needs name, match.apiVersion and match.kind: \(JSON.encode(node))") }
        self.name = name
        apiVersion = av
        self.kind = kind
        status = node["status"] ?? .emptyMapping
        removeStatus = (node["removeStatus"]?.items ?? []).compactMap(\.string)
        delayMillis = node["delayMillis"]?.intValue ?? 0
        var groups: [[StageCondition]] = []
        for c in node["when"]?.items ?? [] {
            if let alts = c["anyOf"]?.items {
                groups.append(alts.map(StageCondition.init(node:)))
            } else {
                groups.append([StageCondition(node: c)])
            }
        }
        when = groups
    }

    /// True when the rule applies to the object.
    public func matches(_ obj: YAMLNode) -> Bool {
        obj.string(at: "apiVersion") == apiVersion && obj.string(at: "kind") == kind
            && when.allSatisfy { alts in alts.contains { $0.holds(obj) } }
    }

    /// The object with the rule's status applied.
    public func apply(to obj: YAMLNode) -> YAMLNode {
        var out = obj
        var st = obj["status"]?.pairs != nil ? obj["status"]! : .emptyMapping
        for p in status.pairs ?? [] { st[p.key.value] = Self.render(p.value, obj) }
        for k in removeStatus { st[k] = nil }
        out["status"] = st
        return out
    }

    static func render(_ t: YAMLNode, _ obj: YAMLNode) -> YAMLNode {
        switch t {
        case .mapping(let pairs): return .mapping(pairs.map { YAMLPair(key: $0.key, value: render($0.value, obj)) })
        case .sequence(let items): return .sequence(items.map { render($0, obj) })
        case .scalar(let s):
            guard s.value.hasPrefix("${"), s.value.hasSuffix("}") else { return t }
            let expr = s.value.dropFirst(2).dropLast()
            let parts = expr.split(separator: "|", maxSplits: 1).map(String.init)
            if parts[0] == "now" { return obj[path: ["metadata", "creationTimestamp"]] ?? .string("1970-01-01T00:00:00Z") }
            if let v = obj[path: parts[0].split(separator: ".").map(String.init)], !v.isNull { return v }
            if parts.count == 2 { return (try? YAMLParser.parse(parts[1])) ?? .string(parts[1]) }
            return .null
        }
    }
}

/// A test on one field: `path` equals `equals`, or (with `exists`) is present or absent.
public struct StageCondition: Sendable {
    public var path: [String]
    public var equals: String?
    public var exists: Bool?

    init(node: YAMLNode) {
        path = (node.string(at: "path") ?? "").split(separator: ".").map(String.init)
        equals = node["equals"]?.scalar?.value
        exists = node["exists"]?.boolValue
    }

    func holds(_ obj: YAMLNode) -> Bool {
        let v = obj[path: path]
        if let exists { return (v != nil && !(v!.isNull)) == exists }
        if let equals { return v?.scalar?.value == equals }
        return v != nil
    }
}

/// The ordered rules of a simulation; the first rule that matches an object applies.
public struct StageEngine: Sendable {
    public var rules: [StageRule]

    public init(rules: [StageRule]) { self.rules = rules }

    /// Reads rules from YAML text: a list of rules, or a mapping with a `stages` list.
    public init(yaml: String) throws {
        let doc = try YAMLParser.parse(yaml)
        let items = doc.items ?? doc["stages"]?.items ?? []
        var rules: [StageRule] = []
        for item in items { rules.append(try StageRule(node: item)) }
        self.rules = rules
    }

    /// The built-in rules.
    public static func builtin() -> StageEngine {
        // The built-in text is a constant checked by the tests; failing here is a programming error.
        try! StageEngine(yaml: DefaultStages.yaml)
    }

    /// The first rule matching an object.
    public func rule(for obj: YAMLNode) -> StageRule? { rules.first { $0.matches(obj) } }
}
