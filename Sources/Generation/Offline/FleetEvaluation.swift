import KealmModel
import KealmYAML
import Placement

/// The whole fleet pipeline over a set of objects, as the hub's controllers would run it once:
/// Placements are scheduled, GitOpsClusters register the selected clusters as Argo CD cluster
/// Secrets (with the `acm-placement` ConfigMap), then ApplicationSets generate Applications from
/// those Secrets, the computed PlacementDecisions and everything else in the input.
/// Pure: the caller reads the files and passes `now` and the repository reader.
public struct FleetEvaluation: Sendable {
    public var placements: [PlacementOutcome] = []
    public var gitOpsClusters: [GitOpsClusterOutcome] = []
    /// Each ApplicationSet with its Applications or its error.
    public var applicationSets: [(appSet: ApplicationSetSpec, result: Result<[YAMLNode], GenerationError>)] = []
    /// Objects that could not be read as the kind they claim to be.
    public var errors: [ModelError] = []
    /// Placements whose previous decisions are kept, with why (`namespace/name` → reason: message).
    public var held: [String: String] = [:]

    public init(objects: [YAMLNode], now: Timestamp, repo: (any RepoFiles)? = nil, scheduler: Scheduler = Scheduler()) {
        func kind(_ o: YAMLNode) -> String { o.string(at: "kind") ?? "" }
        func read<T>(_ k: String, _ make: (YAMLNode) throws(ModelError) -> T) -> [T] {
            var out: [T] = []
            for o in objects where kind(o) == k {
                do { out.append(try make(o)) } catch { errors.append(error) }
            }
            return out
        }
        let clusters = read("ManagedCluster", ManagedCluster.init(node:))
        let existingDecisions = read("PlacementDecision", PlacementDecision.init(node:))
        let snapshot = FleetSnapshot(clusters: clusters, clusterSets: read("ManagedClusterSet", ManagedClusterSet.init(node:)),
            bindings: read("ManagedClusterSetBinding", ManagedClusterSetBinding.init(node:)), decisions: existingDecisions,
            scores: read("AddOnPlacementScore", AddOnPlacementScore.init(node:)), now: now)
        let placementSpecs = read("Placement", PlacementSpec.init(node:))
        placements = placementSpecs.filter { !$0.schedulingDisabled }.map { PlacementReconciler.reconcile($0, snapshot: snapshot, scheduler: scheduler) }

        // A held placement keeps the decisions the hub has (see PlacementHold).
        for i in placements.indices {
            guard let why = PlacementHold.reason(placements[i]) else { continue }
            let p = placements[i].placement
            held["\(p.namespace)/\(p.name)"] = why
            placements[i].decisions = objects.filter { o in
                kind(o) == "PlacementDecision" && (o.string(at: "metadata", "namespace") ?? "default") == p.namespace
                    && o.labels[PlacementDecision.placementLabel] == p.name
            }
            placements[i].staleDecisions = []
        }

        // Decisions as the hub holds them after scheduling: computed ones replace those of scheduled placements.
        let scheduled = Set(placements.map { "\($0.placement.namespace)/\($0.placement.name)" })
        var decisionObjects = objects.filter { o in
            kind(o) == "PlacementDecision"
                && !scheduled.contains("\(o.string(at: "metadata", "namespace") ?? "default")/\(o.labels[PlacementDecision.placementLabel] ?? "")")
        }
        decisionObjects += placements.flatMap(\.decisions)
        var decisions: [PlacementDecision] = []
        for d in decisionObjects { if let v = try? PlacementDecision(node: d) { decisions.append(v) } }

        var byName: [String: ManagedCluster] = [:]
        for c in clusters { byName[c.name] = c }
        var secrets = objects.filter(ClusterSecret.isClusterSecret)
        var configMaps: [YAMLNode] = []
        for g in read("GitOpsCluster", GitOpsClusterSpec.init(node:)) {
            let existing = secrets.filter { $0.string(at: "metadata", "namespace") == g.argoNamespace }
            let out = GitOpsClusterReconciler.reconcile(g, decisions: decisions, clusters: byName, existingSecrets: existing)
            gitOpsClusters.append(out)
            let stale = Set(out.staleSecrets)
            let fresh = Set(out.secrets.compactMap { $0.string(at: "metadata", "name") })
            secrets.removeAll {
                $0.string(at: "metadata", "namespace") == g.argoNamespace
                    && ($0.string(at: "metadata", "name").map { stale.contains($0) || fresh.contains($0) } ?? false)
            }
            secrets += out.secrets
            configMaps.append(out.configMap)
        }
        var clusterSecrets: [ClusterSecret] = []
        for s in secrets {
            do { clusterSecrets.append(try ClusterSecret(node: s)) } catch { errors.append(error) }
        }
        let presentConfigMaps = Set(objects.filter { kind($0) == "ConfigMap" }.map {
            "\($0.string(at: "metadata", "namespace") ?? "")/\($0.string(at: "metadata", "name") ?? "")"
        })
        let extraConfigMaps = configMaps.filter {
            !presentConfigMaps.contains("\($0.string(at: "metadata", "namespace") ?? "")/\($0.string(at: "metadata", "name") ?? "")")
        }
        let inputs = GenerationInputs(clusterSecrets: clusterSecrets,
            objects: objects.filter { kind($0) != "PlacementDecision" } + decisionObjects + extraConfigMaps, repo: repo)
        let heldMessages = held.sorted { $0.key < $1.key }.map { "placement \($0.key) is held (\($0.value))" }
        for a in read("ApplicationSet", { (n) throws(ModelError) in try ApplicationSetSpec(node: n) }) {
            if !heldMessages.isEmpty && PlacementHold.dependsOnClusters(a) {
                applicationSets.append((a, .failure(PlacementHold.heldError(a, messages: heldMessages))))
                continue
            }
            do {
                applicationSets.append((a, .success(try ApplicationGenerator.generate(a, inputs: inputs))))
            } catch {
                applicationSets.append((a, .failure(error)))
            }
        }
    }
}
