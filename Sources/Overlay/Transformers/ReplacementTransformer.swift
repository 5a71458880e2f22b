import KealmModel
import KealmYAML

/// `replacements:` — copies a field of one source object into fields of the selected targets
/// (optionally one part of a delimited string), matching objects by current or earlier ids.
enum ReplacementTransformer {
    static func apply(_ entries: [YAMLNode], ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        var list: [YAMLNode] = []
        for e in entries {
            if let path = e.string(at: "path"), e["source"] == nil {
                let bytes = try ctx.read(path)
                let docs: [YAMLNode]
                do { docs = try YAMLParser.parseStream(bytes, file: path) } catch { throw overlayError(error, file: ctx.file, field: "replacements") }
                for d in docs { list += d.items ?? (d.isNull ? [] : [d]) }
            } else {
                list.append(e)
            }
        }
        for r in list { try applyOne(r, ctx: ctx, to: &acc) }
    }

    static func idMatches(_ sel: YAMLNode?, _ id: ResID) -> Bool {
        guard let sel else { return true }
        if let g = sel.string(at: "group"), !g.isEmpty, g != id.gvk.group { return false }
        if let v = sel.string(at: "version"), !v.isEmpty, v != id.gvk.version { return false }
        if let k = sel.string(at: "kind"), !k.isEmpty, k != id.gvk.kind { return false }
        if let n = sel.string(at: "name"), !n.isEmpty, n != id.name { return false }
        if let ns = sel.string(at: "namespace"), !ns.isEmpty, ns != id.effectiveNamespace { return false }
        return true
    }

    static func applyOne(_ rep: YAMLNode, ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        guard let source = rep["source"] else {
            throw OverlayError(.invalid, "a replacement needs a source", file: ctx.file, field: "replacements")
        }
        var matches: [Int] = []
        for (i, r) in acc.resources.resources.enumerated() where r.allIDs.contains(where: { idMatches(source, $0) }) {
            matches.append(i)
        }
        if matches.count > 1 {
            throw OverlayError(.conflict, "multiple matches for selector \(JSON.encode(source))", file: ctx.file, field: "replacements.source")
        }
        guard let si = matches.first else {
            throw OverlayError(.notFound, "nothing selected by \(JSON.encode(source))", file: ctx.file, field: "replacements.source")
        }
        let fieldPath = source.string(at: "fieldPath") ?? "metadata.name"
        guard var value = DottedPath.get(acc.resources[si].node, fieldPath) else {
            throw OverlayError(.notFound, "fieldPath `\(fieldPath)` is missing for replacement source \(acc.resources[si].label)",
                file: ctx.file, field: "replacements.source.fieldPath")
        }
        if let delim = source.string(at: "options", "delimiter"), case .scalar(let s) = value {
            let parts = s.value.components(separatedBy: delim)
            let idx = source[path: ["options", "index"]]?.intValue ?? 0
            if idx < 0 || idx >= parts.count {
                throw OverlayError(.invalid, "options.index \(idx) is out of bounds for value \(s.value)", file: ctx.file,
                    field: "replacements.source.options.index")
            }
            value = .string(parts[idx])
        }
        for target in rep["targets"]?.items ?? [] {
            guard let select = target["select"] else {
                throw OverlayError(.invalid, "target must specify resources to select", file: ctx.file, field: "replacements.targets")
            }
            let selector = try Selector(PatchTarget(node: select), file: ctx.file)
            let rejects = try (target["reject"]?.items ?? []).map { (n) throws(OverlayError) in try Selector(PatchTarget(node: n), file: ctx.file) }
            let paths = (target["fieldPaths"]?.items ?? []).compactMap(\.string)
            let options = target["options"]
            for i in acc.resources.resources.indices {
                var r = acc.resources[i]
                guard selector.selectsAnyID(r), !rejects.contains(where: { $0.selectsAnyID(r) }) else { continue }
                for fp in paths.isEmpty ? ["metadata.name"] : paths {
                    let create = options?["create"]?.boolValue == true ? value : nil
                    var failure: OverlayError?
                    let n = DottedPath.visit(&r.node, DottedPath.split(fp)[...], create: create) { t in
                        do { t = try set(t, value, options: options, ctx: ctx) } catch let e as OverlayError { failure = e } catch { failure = overlayError(error) }
                    }
                    if let failure { throw failure }
                    if n == 0 {
                        throw OverlayError(.notFound, "unable to find field \"\(fp)\" in replacement target \(r.label)", file: ctx.file,
                            object: r.label, field: "replacements.targets.fieldPaths", hint: "set options.create: true to create it")
                    }
                }
                acc.resources[i] = r
            }
        }
    }

    static func set(_ target: YAMLNode, _ value: YAMLNode, options: YAMLNode?, ctx: TransformContext) throws(OverlayError) -> YAMLNode {
        var value = value
        if let delim = options?.string(at: "delimiter"), !delim.isEmpty {
            guard case .scalar(let ts) = target else {
                throw OverlayError(.invalid, "delimiter option can only be used with scalar nodes", file: ctx.file, field: "replacements")
            }
            var parts = ts.value.components(separatedBy: delim)
            let v = value.scalar?.value ?? ""
            let idx = options?["index"]?.intValue ?? 0
            if idx < 0 { parts.insert(v, at: 0) } else if idx >= parts.count { parts.append(v) } else { parts[idx] = v }
            value = .string(parts.joined(separator: delim))
        }
        if case .scalar(var ts) = target, case .scalar(let vs) = value {
            ts.value = vs.value
            return .scalar(ts)
        }
        return value
    }
}

extension Selector {
    /// True when the selector matches the object under its current or any earlier identity.
    func selectsAnyID(_ r: Resource) -> Bool {
        if let labels, !labels.matches(r.labels) { return false }
        if let annotations, !annotations.matches(r.annotations) { return false }
        for id in r.allIDs {
            if Self.matches(group, id.gvk.group) && Self.matches(version, id.gvk.version) && Self.matches(kind, id.gvk.kind)
                && Self.matches(name, id.name) && Self.matches(namespace, Self.effectiveNamespace(id))
            {
                return true
            }
        }
        return false
    }
}
