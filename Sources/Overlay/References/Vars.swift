import KealmModel
import KealmYAML

/// One entry of `vars:`: a name bound to a field of an object in the build.
struct VarDecl: Sendable {
    var name: String
    var kind: String
    var group: String
    var version: String?
    var objectName: String
    var namespace: String
    var fieldPath: String
}

/// `vars:` — declared at every level, bound to their object, and substituted (`$(NAME)`) into
/// the `varReference` fields once, at the top of the build, after name references are fixed.
enum Vars {
    static func declare(_ nodes: [YAMLNode], ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        for n in nodes {
            guard let name = n.string(at: "name"), let kind = n.string(at: "objref", "kind"),
                let objName = n.string(at: "objref", "name")
            else {
                throw OverlayError(.invalid, "a var needs name, objref.kind and objref.name", file: ctx.file, field: "vars")
            }
            var group = "", version: String?
            if let av = n.string(at: "objref", "apiVersion") {
                let g = GVK(apiVersion: av, kind: kind)
                group = g.group
                version = g.version
            }
            let v = VarDecl(name: name, kind: kind, group: group, version: version, objectName: objName,
                namespace: n.string(at: "objref", "namespace") ?? "", fieldPath: n.string(at: "fieldref", "fieldpath") ?? "metadata.name")
            if acc.vars.contains(where: { $0.name == name }) {
                throw OverlayError(.conflict, "var '\(name)' already encountered", file: ctx.file, field: "vars",
                    hint: "give each var a unique name")
            }
            var matched: [Int] = []
            for (i, r) in acc.resources.resources.enumerated() where r.allIDs.contains(where: { id in
                id.gvk.kind == kind && id.gvk.group == group && (version == nil || id.gvk.version == version!) && id.name == objName
                    && (v.namespace.isEmpty || id.effectiveNamespace == v.namespace)
            }) {
                matched.append(i)
            }
            if matched.count > 1 {
                throw OverlayError(.conflict, "found \(matched.count) resId matches for var \(name) (unable to disambiguate)",
                    file: ctx.file, field: "vars", hint: "add objref.namespace or apiVersion")
            }
            if let i = matched.first {
                var r = acc.resources[i]
                r.refVarNames.append(name)
                acc.resources[i] = r
            }
            acc.vars.append(v)
        }
    }

    static func resolve(_ acc: inout Accumulation) throws(OverlayError) {
        guard !acc.vars.isEmpty else { return }
        var values: [String: YAMLNode] = [:]
        for v in acc.vars {
            guard let r = acc.resources.resources.first(where: { $0.refVarNames.contains(v.name) }) else {
                throw OverlayError(.notFound, "var '\(v.name)' cannot be mapped to a field in the set of known resources",
                    field: "vars", hint: "check objref of var \(v.name)")
            }
            guard let value = FieldPathRef.value(r.node, v.fieldPath), case .scalar = value else {
                throw OverlayError(.notFound, "field \(v.fieldPath) of \(r.label) is not a scalar, needed by var \(v.name)",
                    object: r.label, field: v.fieldPath)
            }
            values[v.name] = value
        }
        let specs = acc.config.varReference
        acc.resources.updateEach { r in
            let gvk = r.gvk
            for spec in specs where spec.applies(to: gvk) {
                FieldWalker.visit(&r.node, spec.path[...], create: false) { v in
                    if let node = v { v = expand(node, values) }
                }
            }
        }
    }

    static func expand(_ node: YAMLNode, _ values: [String: YAMLNode]) -> YAMLNode {
        switch node {
        case .scalar(let s):
            guard s.value.contains("$") else { return node }
            if s.value.hasPrefix("$("), s.value.hasSuffix(")"), let v = values[String(s.value.dropFirst(2).dropLast())],
                !s.value.dropFirst(2).dropLast().contains(")")
            {
                return v
            }
            return .string(substitute(s.value, values))
        case .sequence(let items): return .sequence(items.map { expand($0, values) })
        case .mapping(let pairs): return .mapping(pairs.map { YAMLPair(key: $0.key, value: expand($0.value, values)) })
        }
    }

    /// Kubernetes-style `$(VAR)` expansion: `$$` is a literal `$`, unknown names stay as written.
    static func substitute(_ s: String, _ values: [String: YAMLNode]) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "$" && i + 1 < chars.count {
                if chars[i + 1] == "$" { out.append("$"); i += 2; continue }
                if chars[i + 1] == "(", let close = chars[(i + 2)...].firstIndex(of: ")") {
                    let name = String(chars[(i + 2)..<close])
                    if let v = values[name] {
                        out += v.scalar?.value ?? ""
                    } else {
                        out += "$(" + name + ")"
                    }
                    i = close + 1
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}

/// Field paths written with dots and brackets (`spec.containers[0].image`, `data.key`,
/// `spec.containers[name=web].image`).
enum FieldPathRef {
    static func segments(_ path: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var depth = 0
        for c in path {
            if c == "[" {
                if depth == 0 && !cur.isEmpty { out.append(cur); cur = "" }
                depth += 1
                cur.append(c)
                continue
            }
            if c == "]" {
                depth -= 1
                cur.append(c)
                if depth == 0 { out.append(cur); cur = "" }
                continue
            }
            if c == "." && depth == 0 {
                if !cur.isEmpty { out.append(cur) }
                cur = ""
                continue
            }
            cur.append(c)
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    static func value(_ node: YAMLNode, _ path: String) -> YAMLNode? {
        var cur: YAMLNode? = node
        for seg in segments(path) {
            guard let c = cur else { return nil }
            if seg.hasPrefix("[") && seg.hasSuffix("]") {
                let inner = String(seg.dropFirst().dropLast())
                guard let items = c.items else { return nil }
                if let idx = Int(inner) {
                    cur = idx >= 0 && idx < items.count ? items[idx] : nil
                } else if let eq = inner.firstIndex(of: "=") {
                    let k = String(inner[..<eq]), v = String(inner[inner.index(after: eq)...])
                    cur = items.first { $0[k]?.scalar?.value == v }
                } else {
                    return nil
                }
            } else {
                cur = c[seg]
            }
        }
        return cur
    }
}
