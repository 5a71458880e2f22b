import KealmModel
import KealmYAML

/// A field a transformer touches, on the kinds it applies to: kustomize's `fieldSpec`
/// (`{group, version, kind, path, create}`), with the path split on `/`.
public struct FieldSpec: Sendable, Hashable {
    public var group: String?
    public var version: String?
    public var kind: String?
    public var path: [String]
    public var create: Bool

    public init(group: String? = nil, version: String? = nil, kind: String? = nil, path: String, create: Bool = false) {
        self.group = group
        self.version = version
        self.kind = kind
        self.path = FieldSpec.split(path)
        self.create = create
    }

    init(node: YAMLNode, file: String) throws(OverlayError) {
        guard let p = node.string(at: "path") else {
            throw OverlayError(.invalid, "a field spec needs a path", file: file, field: "path")
        }
        self.init(group: node.string(at: "group"), version: node.string(at: "version"), kind: node.string(at: "kind"),
            path: p, create: node["create"]?.boolValue ?? false)
    }

    /// Splits `a/b[c=d]/e` on slashes outside brackets; `\/` escapes a slash.
    static func split(_ path: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var depth = 0
        var escape = false
        for c in path {
            if escape { cur.append(c); escape = false; continue }
            if c == "\\" { escape = true; continue }
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1 }
            if c == "/" && depth == 0 {
                if !cur.isEmpty { out.append(cur) }
                cur = ""
            } else {
                cur.append(c)
            }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// True when the spec applies to objects of this group/version/kind.
    func applies(to gvk: GVK) -> Bool {
        if let g = group, !g.isEmpty, g != gvk.group { return false }
        if let v = version, !v.isEmpty, v != gvk.version { return false }
        if let k = kind, !k.isEmpty, k != gvk.kind { return false }
        return true
    }
}

extension Array where Element == FieldSpec {
    /// Adds specs not already present (same gvk and path); a duplicate with another `create` is kept once.
    mutating func merge(_ more: [FieldSpec]) {
        for s in more where !contains(where: { $0.group == s.group && $0.version == s.version && $0.kind == s.kind && $0.path == s.path }) {
            append(s)
        }
    }
}
