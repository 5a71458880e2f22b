import KealmModel
import KealmYAML

/// Rewrites references to renamed objects (prefix, suffix, hash, namespace changes) in the
/// fields that hold them, per the `nameReference` field specs. Runs once, at the top of the
/// build; candidates are found through an index by old name, so the cost is linear.
enum NameReferences {
    struct Candidate {
        let index: Int
        let oldNames: Set<String>
    }

    static func fix(_ set: inout ResourceSet, config: TransformerConfig) throws(OverlayError) {
        try checkSubjects(set)
        // Candidates per referenced kind, indexed by each name they had before a rename.
        var byRef: [(ref: TransformerConfig.NameBackReference, byName: [String: [Int]])] = []
        for ref in config.nameReference {
            var byName: [String: [Int]] = [:]
            for (i, r) in set.resources.enumerated() where !r.previousIDs.isEmpty {
                for id in r.previousIDs where selects(ref, id.gvk) {
                    if byName[id.name]?.last != i { byName[id.name, default: []].append(i) }
                }
            }
            if !byName.isEmpty { byRef.append((ref, byName)) }
        }
        if byRef.isEmpty { return }
        let snapshot = set.resources
        var failure: OverlayError?
        set.updateEach { target in
            let referrer = target
            let gvk = referrer.gvk
            for (ref, byName) in byRef {
                for spec in ref.referrers where spec.applies(to: gvk) {
                    FieldWalker.visit(&target.node, spec.path[...], create: false) { v in
                        guard let value = v else { return }
                        do {
                            v = try rewrite(value, ref: ref, byName: byName, referrer: referrer, all: snapshot,
                                isRoleRef: spec.path.first == "roleRef", field: spec.path.joined(separator: "/"))
                        } catch let e as OverlayError { failure = e } catch {}
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    /// A ServiceAccount subject with a blank namespace is invalid input.
    static func checkSubjects(_ set: ResourceSet) throws(OverlayError) {
        for r in set.resources where r.gvk.kind == "RoleBinding" || r.gvk.kind == "ClusterRoleBinding" {
            for s in r.node["subjects"]?.items ?? [] where s.string(at: "kind") == "ServiceAccount" {
                if let ns = s["namespace"], (ns.string ?? "").isEmpty {
                    throw OverlayError(.invalid, "namespace is blank for resource \(r.id)", object: r.label,
                        field: "subjects.namespace", hint: "remove the empty namespace or fill it in")
                }
            }
        }
    }

    static func selects(_ ref: TransformerConfig.NameBackReference, _ gvk: GVK) -> Bool {
        if ref.kind != gvk.kind { return false }
        if !ref.group.isEmpty && ref.group != gvk.group { return false }
        if !ref.version.isEmpty && ref.version != gvk.version { return false }
        return true
    }

    static func rewrite(
        _ value: YAMLNode, ref: TransformerConfig.NameBackReference, byName: [String: [Int]], referrer: Resource,
        all: [Resource], isRoleRef: Bool, field: String
    ) throws(OverlayError) -> YAMLNode {
        switch value {
        case .scalar(let s):
            guard let target = try pick(s.value, namespace: nil, byName: byName, referrer: referrer, all: all,
                roleRefKind: isRoleRef ? referrer.node.string(at: "roleRef", "kind") : nil, field: field, strict: false)
            else { return value }
            return .string(all[target].name)
        case .sequence(let items):
            var out: [YAMLNode] = []
            for i in items {
                out.append(try rewrite(i, ref: ref, byName: byName, referrer: referrer, all: all, isRoleRef: isRoleRef, field: field))
            }
            return .sequence(out)
        case .mapping:
            // A {name, namespace} reference: RoleBinding subjects, webhook services.
            guard let name = value.string(at: "name") else { return value }
            if let k = value.string(at: "kind"), k != ref.kind { return value }
            let ns = value.string(at: "namespace")
            guard let target = try pick(name, namespace: ns, byName: byName, referrer: referrer, all: all, roleRefKind: nil,
                field: field, strict: true)
            else { return value }
            var out = value
            out["name"] = .string(all[target].name)
            if ns != nil || !all[target].namespace.isEmpty, !all[target].namespace.isEmpty {
                out["namespace"] = .string(all[target].namespace)
            }
            return out
        }
    }

    /// kustomize's tie-break: the candidate's prefixes and suffixes end like the referrer's
    /// (an empty list matches anything when `allowEmpty`).
    static func affixesMatch(_ a: Resource, _ b: Resource, allowEmpty: Bool) -> Bool {
        func sameEnding(_ x: [String], _ y: [String]) -> Bool {
            let n = min(x.count, y.count)
            if n == 0 { return x.count == y.count }
            return Array(x.suffix(n)) == Array(y.suffix(n))
        }
        let p = (allowEmpty && (a.prefixes.isEmpty || b.prefixes.isEmpty)) || sameEnding(a.prefixes, b.prefixes)
        let s = (allowEmpty && (a.suffixes.isEmpty || b.suffixes.isEmpty)) || sameEnding(a.suffixes, b.suffixes)
        return p && s
    }

    /// The one object a reference by `name` means, or nil when none (or no unambiguous one) does.
    static func pick(
        _ name: String, namespace: String?, byName: [String: [Int]], referrer: Resource, all: [Resource], roleRefKind: String?,
        field: String, strict: Bool
    ) throws(OverlayError) -> Int? {
        guard var cands = byName[name] else { return nil }
        if let k = roleRefKind { cands = cands.filter { all[$0].previousIDs.contains { $0.gvk.kind == k } } }
        if let ns = namespace {
            cands = cands.filter { i in all[i].previousIDs.contains { $0.name == name && $0.effectiveNamespace == (ns.isEmpty ? "default" : ns) } }
        } else if !ClusterScope.isClusterScoped(referrer.gvk) {
            let refNs = referrer.id.effectiveNamespace
            cands = cands.filter { i in
                let c = all[i]
                return ClusterScope.isClusterScoped(c.gvk) || c.gvk.kind == "ServiceAccount" || c.id.effectiveNamespace == refNs
            }
        }
        if cands.count > 1 {
            cands = cands.filter { affixesMatch(all[$0], referrer, allowEmpty: true) }
        }
        if cands.count > 1 {
            cands = cands.filter { affixesMatch(all[$0], referrer, allowEmpty: false) }
        }
        guard let first = cands.first else { return nil }
        if cands.count > 1 && (strict || !cands.allSatisfy({ all[$0].name == all[first].name })) {
            throw OverlayError(.conflict,
                "found multiple possible referrals: \(cands.map { all[$0].id.description }.joined(separator: ", "))",
                object: referrer.label, field: field, hint: "make the referenced names or namespaces unambiguous")
        }
        return first
    }
}
