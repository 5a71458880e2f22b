import Generation
import KealmModel
import KealmYAML
import KubeClient
import Placement

/// Which Placements, GitOpsClusters and ApplicationSets a change of one watched object can
/// affect. Each mapping reads the informer caches and costs about the number of objects of the
/// affected kinds (sets, bindings, placements of a namespace, ApplicationSets), never the number
/// of clusters, so a burst of 10,000 cluster events stays linear.
struct FleetDependencies: Sendable {
    let informers: FleetInformers

    func keys(for change: InformerChange, of gvk: GVK) -> [FleetKey] {
        let old: YAMLNode?
        let new: YAMLNode?
        switch change {
        case .added(let o): (old, new) = (nil, o)
        case .updated(let o, let n): (old, new) = (o, n)
        case .deleted(let o): (old, new) = (o, nil)
        case .synced: return []
        }
        if let old, let new, !Self.differs(old, new, statusMatters: Self.statusMatters.contains(gvk.kind)) { return [] }
        let either = [old, new].compactMap { $0 }
        switch gvk.kind {
        case "ManagedCluster":
            let clusters = either.compactMap { try? ManagedCluster(node: $0) }
            let sets = clusterSets().filter { s in clusters.contains { s.contains($0) } }
            return placements(boundTo: Set(sets.map(\.name))) + all(.gitOpsCluster)
        case "ManagedClusterSet":
            return placements(boundTo: Set(either.compactMap { $0.string(at: "metadata", "name") }))
        case "ManagedClusterSetBinding":
            return placements(in: Set(either.compactMap(Self.namespace)))
        case "Placement":
            return either.compactMap { key(.placement, $0) }
        case "PlacementDecision":
            var out: [FleetKey] = []
            for d in either {
                guard let ns = Self.namespace(d), let p = d.labels[PlacementDecision.placementLabel] else { continue }
                if new == nil { out.append(FleetKey(kind: .placement, namespace: ns, name: p)) }
                out += gitOpsClusters { $0.namespace == ns && $0.placementName == p }
            }
            return out + clusterDependentAppSets()
        case "AddOnPlacementScore":
            let names = Set(either.compactMap { $0.string(at: "metadata", "name") })
            return informers.store(FleetKinds.placement).objects.values.filter { p in
                (p[path: ["spec", "prioritizerPolicy", "configurations"]]?.items ?? []).contains {
                    $0.string(at: "scoreCoordinate", "addOn", "resourceName").map(names.contains) ?? false
                }
            }.compactMap { key(.placement, $0) }
        case "GitOpsCluster":
            return either.compactMap { key(.gitOpsCluster, $0) }
        case "Secret":
            let namespaces = Set(either.compactMap(Self.namespace))
            return gitOpsClusters { namespaces.contains($0.argoNamespace) } + clusterDependentAppSets()
        case "ConfigMap":
            let names = Set(either.compactMap { $0.string(at: "metadata", "name") })
            let namespaces = Set(either.compactMap(Self.namespace))
            var out = appSets { a in Self.configMapRefs(a[path: ["spec", "generators"]]).contains { names.contains($0) } }
            if names.contains("acm-placement") { out += gitOpsClusters { namespaces.contains($0.argoNamespace) } }
            return out
        case "ApplicationSet":
            return either.compactMap { key(.applicationSet, $0) }
        case "Application":
            var out: [FleetKey] = []
            for a in either {
                guard let ns = Self.namespace(a) else { continue }
                for r in a[path: ["metadata", "ownerReferences"]]?.items ?? [] where r.string(at: "kind") == "ApplicationSet" {
                    if let n = r.string(at: "name") { out.append(FleetKey(kind: .applicationSet, namespace: ns, name: n)) }
                }
            }
            return out
        default:
            return []
        }
    }

    // MARK: - Lookups over the caches

    /// Every Placement, GitOpsCluster or ApplicationSet in the cache.
    func all(_ kind: FleetKey.Kind) -> [FleetKey] {
        let gvk: GVK
        switch kind {
        case .placement: gvk = FleetKinds.placement
        case .gitOpsCluster: gvk = FleetKinds.gitOpsCluster
        case .applicationSet: gvk = FleetKinds.applicationSet
        }
        return informers.store(gvk).objects.values.compactMap { key(kind, $0) }
    }

    func clusterSets() -> [ManagedClusterSet] {
        informers.store(FleetKinds.managedClusterSet).objects.values.compactMap { try? ManagedClusterSet(node: $0) }
    }

    /// Placements in the namespaces where one of `sets` is bound.
    func placements(boundTo sets: Set<String>) -> [FleetKey] {
        if sets.isEmpty { return [] }
        let namespaces = informers.store(FleetKinds.managedClusterSetBinding).objects.values.filter {
            $0.string(at: "spec", "clusterSet").map(sets.contains) ?? false
        }.compactMap(Self.namespace)
        return placements(in: Set(namespaces))
    }

    func placements(in namespaces: Set<String>) -> [FleetKey] {
        let store = informers.store(FleetKinds.placement)
        return namespaces.flatMap { ns in store.list(namespace: ns).compactMap { key(.placement, $0) } }
    }

    func gitOpsClusters(where match: (GitOpsClusterSpec) -> Bool) -> [FleetKey] {
        informers.store(FleetKinds.gitOpsCluster).objects.values.compactMap { o in
            guard let g = try? GitOpsClusterSpec(node: o), match(g) else { return nil }
            return FleetKey(kind: .gitOpsCluster, namespace: g.namespace, name: g.name)
        }
    }

    func appSets(where match: (YAMLNode) -> Bool) -> [FleetKey] {
        informers.store(FleetKinds.applicationSet).objects.values.filter(match).compactMap { key(.applicationSet, $0) }
    }

    /// ApplicationSets with a `clusters` or `clusterDecisionResource` generator at any depth.
    func clusterDependentAppSets() -> [FleetKey] {
        appSets { PlacementHold.mentionsClusterGenerator($0[path: ["spec", "generators"]] ?? .null) }
    }

    func key(_ kind: FleetKey.Kind, _ o: YAMLNode) -> FleetKey? {
        guard let name = o.string(at: "metadata", "name") else { return nil }
        let fallback = kind == .applicationSet ? "argocd" : "default"
        return FleetKey(kind: kind, namespace: Self.namespace(o) ?? fallback, name: name)
    }

    static func namespace(_ o: YAMLNode) -> String? {
        guard let ns = o.string(at: "metadata", "namespace"), !ns.isEmpty else { return nil }
        return ns
    }

    /// Every `configMapRef` value under a generators tree.
    static func configMapRefs(_ node: YAMLNode?) -> [String] {
        switch node {
        case .mapping(let pairs)?:
            return pairs.flatMap { p -> [String] in
                if p.key.value == "configMapRef", let s = p.value.string { return [s] }
                return configMapRefs(p.value)
            }
        case .sequence(let items)?: return items.flatMap { configMapRefs($0) }
        default: return []
        }
    }

    // MARK: - Which changes matter

    /// Kinds whose status is an input (cluster claims, allocatable, taint times, decisions, scores).
    static let statusMatters: Set<String> = ["ManagedCluster", "PlacementDecision", "AddOnPlacementScore"]

    /// True when two versions differ in more than bookkeeping (resourceVersion, managedFields,
    /// timestamps of writes) and, unless `statusMatters`, status: our own status writes then wake nobody.
    static func differs(_ a: YAMLNode, _ b: YAMLNode, statusMatters: Bool) -> Bool {
        func strip(_ o: YAMLNode) -> YAMLNode {
            var o = o
            for k in ["resourceVersion", "managedFields", "generation"] { o[path: ["metadata", k]] = nil }
            if !statusMatters { o["status"] = nil }
            return o
        }
        return strip(a) != strip(b)
    }
}
