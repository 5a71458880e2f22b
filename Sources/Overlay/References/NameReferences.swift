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
        set.updateEach { target in
            let referrer = target
            let gvk = referrer.gvk
            for (ref, byName) in byRef {
                for spec in ref.referrers where spec.applies(to: gvk) {
                    FieldWalker.visit(&target.node, spec.path[...], create: false) { v in
                        guard let value = v else { return }
                        v = rewrite(value, ref: ref, byName: byName, referrer: referrer, all: snapshot, isRoleRef: spec.path.first == "roleRef")
                    }
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
        all: [Resource], isRoleRef: Bool
    ) -> YAMLNode {
        switch value {
        case .scalar(let s):
            guard let target = pick(s.value, namespace: nil, byName: byName, referrer: referrer, all: all, roleRefKind: isRoleRef ? referrer.node.string(at: "roleRef", "kind") : nil)
            else { return value }
            return .string(all[target].name)
        case .sequence(let items):
            return .sequence(items.map { rewrite($0, ref: ref, byName: byName, referrer: referrer, all: all, isRoleRef: isRoleRef) })
        case .mapping:
            // A {name, namespace} reference: RoleBinding subjects, webhook services.
            guard let name = value.string(at: "name") else { return value }
            if let k = value.string(at: "kind"), k != ref.kind { return value }
            let ns = value.string(at: "namespace")
            guard let target = pick(name, namespace: ns, byName: byName, referrer: referrer, all: all, roleRefKind: nil) else { return value }
            var out = value
            out["name"] = .string(all[target].name)
            if ns != nil || !all[target].namespace.isEmpty, !all[target].namespace.isEmpty {
                out["namespace"] = .string(all[target].namespace)
            }
            return out
        }
    }

    /// The one object a reference by `name` means, or nil when none (or no unambiguous one) does.
    static func pick(
        _ name: String, namespace: String?, byName: [String: [Int]], referrer: Resource, all: [Resource], roleRefKind: String?
    ) -> Int? {
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
            let narrowed = cands.filter { all[$0].prefixes == referrer.prefixes && all[$0].suffixes == referrer.suffixes }
            if !narrowed.isEmpty { cands = narrowed }
        }
        guard let first = cands.first else { return nil }
        if cands.count > 1 && !cands.allSatisfy({ all[$0].name == all[first].name }) { return nil }
        return first
    }
}
