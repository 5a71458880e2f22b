import Foundation
import Generation
import KealmModel
import KealmYAML
import KubeClient
import Placement

/// The hub-side fleet controllers: Placement scheduling (PlacementDecisions and Placement status),
/// GitOpsCluster (Argo CD cluster Secrets and the `acm-placement` ConfigMap) and ApplicationSet
/// generation (Applications and ApplicationSet status).
///
/// `run()` is watch-driven (`FleetWatch`: informers, a coalescing work queue keyed by object,
/// dependency mapping, a periodic resync). `reconcileOnce()` is the level-triggered pass: it reads
/// one snapshot of the hub, runs the pure `FleetEvaluation`, and writes only what differs. Neither
/// acts on a hub it could not read completely (an error is not an empty fleet), and a generator
/// that fails keeps its Applications.
public struct FleetController: HubController {
    public let name = "fleet"
    public let client: KubeClient
    /// Seconds between full resyncs of the watch-driven loop (every Placement, GitOpsCluster and
    /// ApplicationSet is reconciled again; toleration expiries are also requeued on their own).
    public var interval: TimeInterval
    /// Where progress and errors are reported (never credentials: Secrets are not logged).
    public var log: @Sendable (String) -> Void
    /// The repositories `git` generators read (`FleetGitRepos`); nil makes them fail (never empty).
    public var repo: (any FleetRepoReader)?
    /// Seconds between re-generations of ApplicationSets with a `git` generator (repositories are not watched).
    public var gitInterval: TimeInterval = 30

    static let manager = "kealm-fleet"

    public init(client: KubeClient, interval: TimeInterval = 30, repo: (any FleetRepoReader)? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in })
    {
        self.client = client
        self.interval = interval
        self.repo = repo
        self.log = log
    }

    /// Watches the hub and reconciles what changes (see `FleetWatch`) until cancelled.
    public func run() async throws {
        try await FleetWatch(controller: self).run()
    }

    /// The kinds of one snapshot. `optional` kinds may be absent from the hub (no CRD).
    static let snapshotKinds: [(gvk: GVK, selector: String?, optional: Bool)] = [
        (FleetKinds.managedCluster, nil, false),
        (FleetKinds.managedClusterSet, nil, false),
        (FleetKinds.managedClusterSetBinding, nil, false),
        (FleetKinds.placement, nil, false),
        (FleetKinds.placementDecision, nil, false),
        (FleetKinds.addOnPlacementScore, nil, true),
        (FleetKinds.gitOpsCluster, nil, true),
        (FleetKinds.secret, "argocd.argoproj.io/secret-type=cluster", false),
        (FleetKinds.configMap, nil, false),
        (FleetKinds.applicationSet, nil, false),
        (FleetKinds.application, nil, false),
    ]

    /// Reads the snapshot; throws when any required kind cannot be listed.
    public func snapshot() async throws -> [YAMLNode] {
        var objects: [YAMLNode] = []
        for k in Self.snapshotKinds {
            let result: Result<ObjectList, KubeError>
            do {
                result = .success(try await client.list(k.gvk, options: ListOptions(labelSelector: k.selector)))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let list): objects += list.items
            case .failure(let error):
                if k.optional && error.category == .notFound { continue }
                throw error
            }
        }
        return objects
    }

    /// One pass. Returns what it wrote.
    @discardableResult
    public func reconcileOnce(now: Date = Date()) async throws -> FleetPassSummary {
        let objects = try await snapshot()
        let eval = FleetEvaluation(objects: objects, now: Timestamp(seconds: Int64(now.timeIntervalSince1970)))
        var summary = FleetPassSummary()
        let index = ObjectIndex(objects)
        for e in eval.errors { log("fleet: \(e)") }

        for outcome in eval.placements {
            for d in outcome.decisions { summary.writes += try await write(d, existing: index, statusToo: true) }
            for stale in outcome.staleDecisions {
                try await deleteIgnoringMissing(FleetKinds.placementDecision, name: stale, namespace: outcome.placement.namespace)
                summary.deletes += 1
            }
            summary.writes += try await writeStatus(outcome.placementWithStatus, existing: index)
        }
        for g in eval.gitOpsClusters {
            for s in g.secrets { summary.writes += try await write(s, existing: index, statusToo: false) }
            summary.writes += try await write(g.configMap, existing: index, statusToo: false)
            let ns = g.objectWithStatus.string(at: "spec", "argoServer", "argoNamespace") ?? "argocd"
            for stale in g.staleSecrets {
                try await deleteIgnoringMissing(FleetKinds.secret, name: stale, namespace: ns)
                summary.deletes += 1
            }
            summary.writes += try await writeStatus(g.objectWithStatus, existing: index)
        }
        let applications = objects.filter { $0.string(at: "kind") == "Application" }
        for (spec, result) in eval.applicationSets {
            let plan = ApplicationSetPlanner.plan(spec, generated: result, existing: applications)
            for app in plan.creates + plan.updates { summary.writes += try await write(app, existing: index, statusToo: false) }
            for d in plan.deletes {
                if d.removeFinalizerFirst {
                    _ = try? await client.patch(FleetKinds.application, name: d.name, namespace: d.namespace, type: .merge,
                        patch: .mapping([YAMLPair("metadata", .mapping([YAMLPair("finalizers", .null)]))]))
                }
                try await deleteIgnoringMissing(FleetKinds.application, name: d.name, namespace: d.namespace)
                summary.deletes += 1
            }
            if case .failure(let e) = result { log("fleet: ApplicationSet \(spec.namespace)/\(spec.name): \(e)") }
            var withStatus = spec.object
            withStatus["status"] = plan.status.node
            summary.writes += try await writeStatus(withStatus, existing: index)
        }
        return summary
    }

    /// Server-side applies an object (without status) when it differs from what the hub holds;
    /// then, when `statusToo`, its status. Returns the number of writes.
    func write(_ desired: YAMLNode, existing: ObjectIndex, statusToo: Bool) async throws -> Int {
        try await write(desired, current: existing[desired], statusToo: statusToo)
    }

    /// `write(_:existing:statusToo:)` given what the hub holds (`current`, nil when absent).
    func write(_ desired: YAMLNode, current: YAMLNode?, statusToo: Bool) async throws -> Int {
        var body = desired
        body["status"] = nil
        for k in ["resourceVersion", "uid", "creationTimestamp", "generation", "managedFields"] { body[path: ["metadata", k]] = nil }
        var writes = 0
        if current == nil || !ObjectIndex.contains(current!, body) {
            _ = try await client.apply(body, fieldManager: Self.manager, force: true)
            writes += 1
        }
        if statusToo { writes += try await writeStatus(desired, current: current) }
        return writes
    }

    /// Merge-patches `status` through the status subresource when it differs.
    func writeStatus(_ desired: YAMLNode, existing: ObjectIndex) async throws -> Int {
        try await writeStatus(desired, current: existing[desired])
    }

    /// `writeStatus(_:existing:)` given what the hub holds.
    func writeStatus(_ desired: YAMLNode, current: YAMLNode?) async throws -> Int {
        guard let status = desired["status"], let ref = ObjectRef(object: desired) else { return 0 }
        if let current, let live = current["status"], ObjectIndex.sameStatus(live, status) { return 0 }
        _ = try await client.patch(ref.gvk, name: ref.name, namespace: ref.namespace.isEmpty ? nil : ref.namespace, type: .merge,
            patch: .mapping([YAMLPair("status", status)]), subresource: "status")
        return 1
    }

    func deleteIgnoringMissing(_ gvk: GVK, name: String, namespace: String) async throws {
        do {
            _ = try await client.delete(gvk, name: name, namespace: namespace)
        } catch {
            if error.category != .notFound { throw error }
        }
    }
}

/// What one pass wrote.
public struct FleetPassSummary: Sendable, CustomStringConvertible {
    public var writes = 0
    public var deletes = 0
    public var isEmpty: Bool { writes == 0 && deletes == 0 }
    public var description: String { "\(writes) writes, \(deletes) deletes" }
}
