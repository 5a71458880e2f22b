import Foundation
import Generation
import KealmModel
import KealmYAML
import KubeClient
import Placement
import Synchronization

/// The informers the fleet controller reads from: one per input kind (cluster Secrets by the
/// Argo CD label only). Optional kinds (AddOnPlacementScore, GitOpsCluster) may have no CRD on
/// the hub; they are probed again at every resync and read as empty until they exist.
final class FleetInformers: Sendable {
    /// The kinds watched, in a fixed order; `optional` kinds may be missing from the hub.
    static let kinds: [(gvk: GVK, selector: String?, optional: Bool)] = FleetController.snapshotKinds

    let client: KubeClient
    private let started = Mutex<[String: Informer]>([:])

    init(client: KubeClient) { self.client = client }

    /// The informer of a kind, nil when not (yet) started.
    func informer(_ gvk: GVK) -> Informer? { started.withLock { $0[gvk.kind] } }

    /// The objects of a kind in the cache (none when the kind is not watched).
    func store(_ gvk: GVK) -> InformerStore { informer(gvk)?.store ?? InformerStore() }

    func get(_ gvk: GVK, namespace: String?, name: String) -> YAMLNode? {
        informer(gvk)?.get(namespace: namespace, name: name)
    }

    static let stripStatusAndManagedFields: @Sendable (YAMLNode) -> YAMLNode = { o in
        var o = Informer.stripManagedFields(o)
        o["status"] = nil
        return o
    }

    /// Starts an informer for every required kind and for every optional kind the hub serves.
    /// Returns the informers started by this call (their change streams need a consumer).
    func startMissing() async -> [Informer] {
        var fresh: [Informer] = []
        for k in Self.kinds where informer(k.gvk) == nil {
            if k.optional {
                do {
                    _ = try await client.list(k.gvk, options: ListOptions(limit: 1))
                } catch {
                    // No CRD: read as empty, probe again at the next resync. Any other failure is not
                    // "no such kind": the informer starts and the first pass waits for its list.
                    if error.category == .notFound { continue }
                }
            }
            // managedFields are never read here, nor the status of Applications (the application
            // controller's to write): dropped on arrival, they would double the controller's memory.
            let transform = k.gvk == FleetKinds.application ? Self.stripStatusAndManagedFields : Informer.stripManagedFields
            let inf = Informer(client: client, gvk: k.gvk, labelSelector: k.selector, transform: transform)
            started.withLock { $0[k.gvk.kind] = inf }
            inf.start()
            fresh.append(inf)
        }
        return fresh
    }

    /// Waits until every informer given (default: every started one) holds its first list, or
    /// until the task is cancelled (an informer's own wait does not end on cancellation).
    func waitForSync(_ list: [Informer]? = nil) async {
        let infs = list ?? started.withLock { Array($0.values) }
        final class Count: Sendable { let value = Atomic(0) }
        let synced = Count()
        for inf in infs {
            Task {
                await inf.waitForSync()
                synced.value.add(1, ordering: .sequentiallyConsistent)
            }
        }
        while !Task.isCancelled && synced.value.load(ordering: .sequentiallyConsistent) < infs.count {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    func stopAll() {
        for inf in started.withLock({ Array($0.values) }) { inf.stop() }
    }
}

/// Parsed views of cached objects, reused while an object's resourceVersion does not change, so
/// a batch over 10,000 ManagedClusters parses only those that changed.
final class FleetParseCache<Value: Sendable>: Sendable {
    private let cache = Mutex<[String: (rv: String, value: Value)]>([:])

    /// The parsed values of every object of the store; objects that do not parse are reported
    /// through `failed` and left out.
    func values(_ store: InformerStore, parse: (YAMLNode) throws(ModelError) -> Value, failed: (ModelError) -> Void = { _ in }) -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(store.count)
        cache.withLock { c in
            var next: [String: (rv: String, value: Value)] = [:]
            next.reserveCapacity(store.count)
            for (key, o) in store.objects {
                let rv = o.string(at: "metadata", "resourceVersion") ?? ""
                if let hit = c[key], hit.rv == rv, !rv.isEmpty {
                    next[key] = hit
                    out.append(hit.value)
                    continue
                }
                do throws(ModelError) {
                    let v = try parse(o)
                    next[key] = (rv, v)
                    out.append(v)
                } catch {
                    failed(error)
                }
            }
            c = next
        }
        return out
    }
}
