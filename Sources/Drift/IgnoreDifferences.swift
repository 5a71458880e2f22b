import Foundation
import KealmModel
import KealmYAML

/// One `ignoreDifferences` entry of an Application, as Argo CD writes it.
public struct IgnoreRule: Sendable, Hashable {
    /// Group; `*` matches any, and "" is the core group.
    public var group: String
    /// Kind; `*` matches any.
    public var kind: String
    public var name: String?
    public var namespace: String?
    /// RFC 6901 pointers, e.g. `/spec/replicas`.
    public var jsonPointers: [String]
    /// jq path expressions (the subset in `JQPath`), e.g. `.spec.template.spec.containers[] | select(.name == "app") | .image`.
    public var jqPathExpressions: [String]
    /// Fields owned by these managers are never drift.
    public var managedFieldsManagers: [String]

    public init(group: String = "", kind: String, name: String? = nil, namespace: String? = nil, jsonPointers: [String] = [],
        jqPathExpressions: [String] = [], managedFieldsManagers: [String] = [])
    {
        self.group = group
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.jsonPointers = jsonPointers
        self.jqPathExpressions = jqPathExpressions
        self.managedFieldsManagers = managedFieldsManagers
    }

    /// Reads the entries of `spec.ignoreDifferences`; errors name the entry and the expression.
    public static func parse(_ list: YAMLNode) throws(DriftError) -> [IgnoreRule] {
        var out: [IgnoreRule] = []
        for (i, e) in (list.items ?? []).enumerated() {
            guard let kind = e.string(at: "kind") else {
                throw DriftError("ignoreDifferences entry has no kind", field: "ignoreDifferences[\(i)].kind", hint: "give a kind, or \"*\"")
            }
            let rule = IgnoreRule(group: e.string(at: "group") ?? "", kind: kind, name: e.string(at: "name"), namespace: e.string(at: "namespace"),
                jsonPointers: (e["jsonPointers"]?.items ?? []).compactMap(\.string),
                jqPathExpressions: (e["jqPathExpressions"]?.items ?? []).compactMap(\.string),
                managedFieldsManagers: (e["managedFieldsManagers"]?.items ?? []).compactMap(\.string))
            for (j, expr) in rule.jqPathExpressions.enumerated() {
                do { _ = try JQPath(parsing: expr) } catch {
                    var located = error
                    located.field = "ignoreDifferences[\(i)].jqPathExpressions[\(j)]"
                    throw located
                }
            }
            for (j, p) in rule.jsonPointers.enumerated() where !(p.isEmpty || p.hasPrefix("/")) {
                throw DriftError("JSON pointer '\(p)' must start with '/'", field: "ignoreDifferences[\(i)].jsonPointers[\(j)]")
            }
            out.append(rule)
        }
        return out
    }

    /// True when the rule applies to an object.
    public func matches(group g: String, kind k: String, namespace ns: String, name n: String) -> Bool {
        (group == "*" || group == g) && (kind == "*" || kind == k) && (name.map { $0 == n } ?? true) && (namespace.map { $0 == ns } ?? true)
    }

    /// Removes the ignored fields from a (normalized) object.
    func strip(_ object: YAMLNode) -> YAMLNode {
        var o = object
        for p in jsonPointers { JSONPointer.remove(p, from: &o) }
        for e in jqPathExpressions {
            guard let jq = try? JQPath(parsing: e) else { continue }
            jq.remove(from: &o)
        }
        return o
    }
}

/// RFC 6901 JSON pointers, for removal.
enum JSONPointer {
    static func tokens(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func remove(_ pointer: String, from node: inout YAMLNode) {
        let t = tokens(pointer)
        if t.isEmpty { return }
        NodeEdit.remove([t.map { tok in Int(tok).map { .index($0) } ?? .key(tok) }], from: &node)
    }
}

/// Removal of locations from a node tree.
enum NodeEdit {
    enum Loc: Hashable { case key(String), index(Int) }

    /// Removes every location; list items are removed from the highest index down so indices stay valid.
    static func remove(_ locations: [[Loc]], from node: inout YAMLNode) {
        let ordered = locations.sorted { a, b in
            for (x, y) in zip(a, b) where x != y {
                if case .index(let i) = x, case .index(let j) = y { return i > j }
                return false
            }
            return a.count > b.count
        }
        for loc in ordered { removeOne(loc[...], from: &node) }
    }

    static func removeOne(_ loc: ArraySlice<Loc>, from node: inout YAMLNode) {
        guard let first = loc.first else { return }
        let rest = loc.dropFirst()
        switch (first, node) {
        case (.key(let k), .mapping(var pairs)):
            guard let i = pairs.firstIndex(where: { $0.key.value == k }) else { return }
            if rest.isEmpty { pairs.remove(at: i) } else { removeOne(rest, from: &pairs[i].value) }
            node = .mapping(pairs)
        case (.index(let i), .sequence(var items)):
            guard i >= 0 && i < items.count else { return }
            if rest.isEmpty { items.remove(at: i) } else { removeOne(rest, from: &items[i]) }
            node = .sequence(items)
        default: return
        }
    }
}
