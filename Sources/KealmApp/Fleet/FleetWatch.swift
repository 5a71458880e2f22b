import Foundation
import Generation
import KealmModel
import KealmYAML
import KubeClient
import Placement
import Synchronization

/// The watch-driven engine of `FleetController`: informers feed a coalescing work queue through
/// `FleetDependencies`; one worker takes every pending key at once and reconciles Placements,
/// then GitOpsClusters, then ApplicationSets, reading only the caches.
///
/// Guarantees kept from the level-triggered pass: nothing is reconciled before every informer
/// holds its first list (an unread kind is not an empty kind); a held Placement keeps its
/// decisions and makes every cluster-dependent ApplicationSet fail instead of shrinking.
final class FleetWatch: Sendable {
    let controller: FleetController
    let informers: FleetInformers
    let queue = FleetWorkQueue()
    let dependencies: FleetDependencies
    let clusterCache = FleetParseCache<ManagedCluster>()
    let secretCache = FleetParseCache<ClusterSecret>()
    private let ready = Atomic<Bool>(false)
    private let consumers = Mutex<[Task<Void, Never>]>([])
    /// What the worker remembers between batches.
    struct Memory {
        /// The decisions last written for each scheduled placement (`ns/name`): GitOpsClusters and
        /// ApplicationSets read these instead of the cache, which may show a half-written set.
        var decisions: [String: [YAMLNode]] = [:]
        /// The cluster Secrets each GitOpsCluster (`ns/name`) wants and those it removes: ApplicationSets
        /// read these over the cache, so a Secret deleted by hand (or not yet seen) never reads as a
        /// cluster gone, which would delete its Applications.
        var secrets: [String: (namespace: String, desired: [YAMLNode], stale: [String])] = [:]
        /// Held placements (`ns/name` → reason).
        var held: [String: String] = [:]
        /// Consecutive failures per key, for the retry delay.
        var failures: [FleetKey: Int] = [:]
    }
    let memory = Mutex(Memory())

    init(controller: FleetController) {
        self.controller = controller
        informers = FleetInformers(client: controller.client)
        dependencies = FleetDependencies(informers: informers)
    }

    var log: @Sendable (String) -> Void { controller.log }

    func run() async throws {
        defer {
            informers.stopAll()
            for t in consumers.withLock({ $0 }) { t.cancel() }
            queue.close()
        }
        consume(await informers.startMissing())
        await informers.waitForSync()
        if Task.isCancelled { return }
        ready.store(true, ordering: .sequentiallyConsistent)
        enqueueEverything()
        let resync = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(max(controller.interval, 0.05) * 1e9))
                if Task.isCancelled { break }
                let fresh = await informers.startMissing()
                consume(fresh)
                await informers.waitForSync(fresh)
                enqueueEverything()
            }
        }
        defer { resync.cancel() }
        var wakeups = queue.wakeups.makeAsyncIterator()
        while !Task.isCancelled {
            let batch = queue.drain()
            if batch.isEmpty {
                guard await wakeups.next() != nil else { break }
                continue
            }
            await process(batch)
        }
    }

    /// Maps every change of the informers to keys, once the first lists are in.
    func consume(_ list: [Informer]) {
        for inf in list {
            let t = Task { [self] in
                for await change in inf.changes {
                    guard ready.load(ordering: .sequentiallyConsistent) else { continue }
                    queue.add(dependencies.keys(for: change, of: inf.gvk))
                }
            }
            consumers.withLock { $0.append(t) }
        }
    }

    func enqueueEverything() {
        queue.add(dependencies.all(.placement) + dependencies.all(.gitOpsCluster) + dependencies.all(.applicationSet))
    }

    /// One batch, in dependency order.
    func process(_ batch: Set<FleetKey>) async {
        let keys = batch.sorted()
        let now = Date()
        let placements = keys.filter { $0.kind == .placement }
        if !placements.isEmpty { await reconcilePlacements(placements, now: now) }
        for k in keys where k.kind == .gitOpsCluster { await guarded(k) { try await reconcileGitOpsCluster(k) } }
        let appSets = keys.filter { $0.kind == .applicationSet }
        if !appSets.isEmpty { await reconcileAppSets(appSets) }
    }

    /// Runs one key's reconcile; a failure is logged and retried with a growing delay.
    func guarded(_ key: FleetKey, _ body: () async throws -> Void) async {
        do {
            try await body()
            memory.withLock { _ = $0.failures.removeValue(forKey: key) }
        } catch {
            let n = memory.withLock { m -> Int in
                m.failures[key, default: 0] += 1
                return m.failures[key]!
            }
            if n == 1 || n % 10 == 0 { log("fleet: \(key) failed (attempt \(n)), will retry: \(error)") }
            queue.add(key, after: min(30, 0.2 * pow(2, Double(min(n, 8)))))
        }
    }

    // MARK: - Decisions as the worker knows them

    /// Every PlacementDecision object: the cache, with the placements this worker scheduled
    /// replaced by what it last wrote.
    func decisionObjects() -> [YAMLNode] {
        let written = memory.withLock { $0.decisions }
        var out = informers.store(FleetKinds.placementDecision).objects.values.filter { d in
            written["\(d.string(at: "metadata", "namespace") ?? "default")/\(d.labels[PlacementDecision.placementLabel] ?? "")"] == nil
        }
        for ds in written.values { out += ds }
        return out
    }

    func decisions() -> [PlacementDecision] { decisionObjects().compactMap { try? PlacementDecision(node: $0) } }

    func clusters() -> [ManagedCluster] {
        clusterCache.values(informers.store(FleetKinds.managedCluster), parse: ManagedCluster.init(node:))
    }

    /// An object as its typed view, or nil (logged: the object says what is wrong with it).
    func parsed<T>(_ object: YAMLNode, _ make: (YAMLNode) throws(ModelError) -> T) -> T? {
        do throws(ModelError) {
            return try make(object)
        } catch {
            log("fleet: \(error)")
            return nil
        }
    }

    func values<T>(_ gvk: GVK, _ parse: (YAMLNode) throws(ModelError) -> T) -> [T] {
        informers.store(gvk).objects.values.compactMap { o in try? parse(o) }
    }

    // MARK: - Placements

    func reconcilePlacements(_ keys: [FleetKey], now: Date) async {
        let stamp = Timestamp(seconds: Int64(now.timeIntervalSince1970))
        let snapshot = FleetSnapshot(clusters: clusters(), clusterSets: values(FleetKinds.managedClusterSet, ManagedClusterSet.init(node:)),
            bindings: values(FleetKinds.managedClusterSetBinding, ManagedClusterSetBinding.init(node:)), decisions: decisions(),
            scores: values(FleetKinds.addOnPlacementScore, AddOnPlacementScore.init(node:)), now: stamp)
        for key in keys {
            await guarded(key) { try await reconcilePlacement(key, snapshot: snapshot, now: stamp) }
        }
    }

    func reconcilePlacement(_ key: FleetKey, snapshot: FleetSnapshot, now: Timestamp) async throws {
        guard let object = informers.get(FleetKinds.placement, namespace: key.namespace, name: key.name) else {
            forget(key.id)
            return
        }
        guard let spec = parsed(object, PlacementSpec.init(node:)) else { return }
        if spec.schedulingDisabled {
            forget(key.id)
            return
        }
        let outcome = PlacementReconciler.reconcile(spec, snapshot: snapshot)
        let why = PlacementHold.reason(outcome)
        if why == nil {
            for d in outcome.decisions {
                let current = informers.get(FleetKinds.placementDecision, namespace: key.namespace, name: d.string(at: "metadata", "name") ?? "")
                _ = try await controller.write(d, current: current, statusToo: true)
            }
            for stale in outcome.staleDecisions {
                try await controller.deleteIgnoringMissing(FleetKinds.placementDecision, name: stale, namespace: key.namespace)
            }
        }
        _ = try await controller.writeStatus(outcome.placementWithStatus, current: object)
        let (heldChanged, decisionsChanged) = memory.withLock { m -> (Bool, Bool) in
            let heldChanged = m.held[key.id] != why
            m.held[key.id] = why
            let previous = m.decisions[key.id]
            m.decisions[key.id] = why == nil ? outcome.decisions : nil
            return (heldChanged, previous != m.decisions[key.id])
        }
        if heldChanged, let why { log("fleet: \(spec.displayName) is held, its decisions are kept: \(why)") }
        if heldChanged || decisionsChanged {
            queue.add(dependencies.gitOpsClusters { $0.namespace == key.namespace && $0.placementName == key.name }
                + dependencies.clusterDependentAppSets())
        }
        if let at = outcome.schedule.requeueAt {
            queue.add(key, after: Double(at.seconds - now.seconds) + 1)
        }
    }

    /// A placement that is gone or not scheduled by us: its decisions come from the cache again.
    func forget(_ id: String) {
        let changed = memory.withLock { m -> Bool in
            let had = m.held[id] != nil || m.decisions[id] != nil
            m.held[id] = nil
            m.decisions[id] = nil
            return had
        }
        if changed { queue.add(dependencies.clusterDependentAppSets()) }
    }

    // MARK: - GitOpsClusters

    func reconcileGitOpsCluster(_ key: FleetKey) async throws {
        guard let object = informers.get(FleetKinds.gitOpsCluster, namespace: key.namespace, name: key.name),
            let spec = parsed(object, GitOpsClusterSpec.init(node:))
        else {
            memory.withLock { _ = $0.secrets.removeValue(forKey: key.id) }
            return
        }
        var byName: [String: ManagedCluster] = [:]
        for c in clusters() { byName[c.name] = c }
        let secrets = informers.store(FleetKinds.secret)
        let existing = secrets.list(namespace: spec.argoNamespace)
        let out = GitOpsClusterReconciler.reconcile(spec, decisions: decisions().filter { $0.namespace == spec.namespace },
            clusters: byName, existingSecrets: existing)
        memory.withLock { $0.secrets[key.id] = (spec.argoNamespace, out.secrets, out.staleSecrets) }
        for s in out.secrets {
            _ = try await controller.write(s, current: secrets.get(namespace: spec.argoNamespace, name: s.string(at: "metadata", "name") ?? ""),
                statusToo: false)
        }
        let cm = informers.get(FleetKinds.configMap, namespace: spec.argoNamespace, name: out.configMap.string(at: "metadata", "name") ?? "")
        _ = try await controller.write(out.configMap, current: cm, statusToo: false)
        for stale in out.staleSecrets {
            try await controller.deleteIgnoringMissing(FleetKinds.secret, name: stale, namespace: spec.argoNamespace)
        }
        _ = try await controller.writeStatus(out.objectWithStatus, current: object)
    }

    // MARK: - ApplicationSets

    /// The cluster Secrets as the GitOpsClusters want them: the cache, with what they last computed
    /// put over it (only where the cache differs, so unchanged Secrets stay parsed once).
    func clusterSecrets() -> InformerStore {
        var store = informers.store(FleetKinds.secret)
        for entry in memory.withLock({ Array($0.secrets.values) }) {
            for name in entry.stale { store.remove(key: "\(entry.namespace)/\(name)") }
            for d in entry.desired {
                guard let k = InformerStore.key(d) else { continue }
                if let current = store.objects[k], ObjectIndex.contains(current, Self.withoutStatus(d)) { continue }
                store.upsert(d)
            }
        }
        return store
    }

    static func withoutStatus(_ o: YAMLNode) -> YAMLNode {
        var o = o
        o["status"] = nil
        return o
    }

    func reconcileAppSets(_ keys: [FleetKey]) async {
        let heldMessages = memory.withLock { $0.held }.sorted { $0.key < $1.key }.map { "placement \($0.key) is held (\($0.value))" }
        let secrets = secretCache.values(clusterSecrets(), parse: ClusterSecret.init(node:))
        let inputs = GenerationInputs(clusterSecrets: secrets,
            objects: Array(informers.store(FleetKinds.configMap).objects.values) + decisionObjects())
        let apps = informers.store(FleetKinds.application)
        var owned: [String: [YAMLNode]] = [:]
        let wanted = Set(keys.map(\.id))
        for a in apps.objects.values {
            let ns = a.string(at: "metadata", "namespace") ?? ""
            for r in a[path: ["metadata", "ownerReferences"]]?.items ?? [] where r.string(at: "kind") == "ApplicationSet" {
                let id = "\(ns)/\(r.string(at: "name") ?? "")"
                if wanted.contains(id) { owned[id, default: []].append(a) }
            }
        }
        for key in keys {
            await guarded(key) {
                try await reconcileAppSet(key, inputs: inputs, heldMessages: heldMessages, owned: owned[key.id] ?? [], apps: apps)
            }
        }
    }

    func reconcileAppSet(_ key: FleetKey, inputs: GenerationInputs, heldMessages: [String], owned: [YAMLNode], apps: InformerStore)
        async throws
    {
        guard let object = informers.get(FleetKinds.applicationSet, namespace: key.namespace, name: key.name) else { return }
        guard let spec = parsed(object, { (n) throws(ModelError) in try ApplicationSetSpec(node: n) }) else { return }
        let result: Result<[YAMLNode], GenerationError>
        let usesGit = Self.mentionsGit(object)
        if !heldMessages.isEmpty && PlacementHold.dependsOnClusters(spec) {
            result = .failure(PlacementHold.heldError(spec, messages: heldMessages))
        } else {
            var inputs = inputs
            if usesGit, let repo = controller.repo { inputs.repo = await repo.reader(for: spec) }
            do {
                result = .success(try ApplicationGenerator.generate(spec, inputs: inputs))
            } catch {
                result = .failure(error)
            }
        }
        // The owned Applications plus any of the generated names (to see conflicts).
        var existing = owned
        var seen = Set(owned.compactMap { InformerStore.key($0) })
        if case .success(let generated) = result {
            for g in generated {
                guard let name = g.string(at: "metadata", "name") else { continue }
                let ns = g.string(at: "metadata", "namespace") ?? spec.namespace
                if let a = apps.get(namespace: ns, name: name), let k = InformerStore.key(a), seen.insert(k).inserted { existing.append(a) }
            }
        }
        let plan = ApplicationSetPlanner.plan(spec, generated: result, existing: existing)
        for app in plan.creates + plan.updates {
            let current = apps.get(namespace: app.string(at: "metadata", "namespace") ?? spec.namespace, name: app.string(at: "metadata", "name") ?? "")
            _ = try await controller.write(app, current: current, statusToo: false)
        }
        for d in plan.deletes {
            if d.removeFinalizerFirst {
                _ = try? await controller.client.patch(FleetKinds.application, name: d.name, namespace: d.namespace, type: .merge,
                    patch: .mapping([YAMLPair("metadata", .mapping([YAMLPair("finalizers", .null)]))]))
            }
            try await controller.deleteIgnoringMissing(FleetKinds.application, name: d.name, namespace: d.namespace)
        }
        if case .failure(let e) = result { log("fleet: \(spec.displayName): \(e)") }
        var withStatus = spec.object
        withStatus["status"] = plan.status.node
        _ = try await controller.writeStatus(withStatus, current: object)
        // A repository has no watch: ApplicationSets with a git generator look again after a while.
        if controller.repo != nil && usesGit { queue.add(key, after: controller.gitInterval) }
    }

    static func mentionsGit(_ appSet: YAMLNode) -> Bool {
        func walk(_ n: YAMLNode?) -> Bool {
            switch n {
            case .mapping(let pairs)?: return pairs.contains { $0.key.value == "git" || walk($0.value) }
            case .sequence(let items)?: return items.contains { walk($0) }
            default: return false
            }
        }
        return walk(appSet[path: ["spec", "generators"]])
    }
}
