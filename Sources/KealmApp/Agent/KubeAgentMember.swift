import Foundation
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Synchronization

/// The member cluster over KubeClient: writes with server-side apply (or update/create by the
/// manifest's strategy), and one informer per kind it wrote (never one watch per object). Every
/// change an informer sees is published on `changes`, so a drifted or deleted object is re-applied
/// within the second.
public final class KubeAgentMember: AgentMember {
    public let client: KubeClient
    /// The keys of objects that changed on the member cluster (of every watched kind).
    public let changes: AsyncStream<ResourceKey>
    private let sink: AsyncStream<ResourceKey>.Continuation
    private let informers = Mutex<[GVK: WatchedKind]>([:])
    private let names = Mutex<[GroupKind: String]>([:])

    final class WatchedKind: Sendable {
        let informer: Informer
        let synced = Atomic<Bool>(false)
        let task = Mutex<Task<Void, Never>?>(nil)
        init(_ informer: Informer) { self.informer = informer }
    }

    public init(client: KubeClient) {
        self.client = client
        (changes, sink) = AsyncStream<ResourceKey>.makeStream()
    }

    /// Stops every informer.
    public func stop() {
        sink.finish()
        for w in informers.withLock({ Array($0.values) }) {
            w.informer.stop()
            w.task.withLock { $0?.cancel() }
        }
    }

    /// The number of kinds watched (one watch each).
    public var watchedKinds: Int { informers.withLock { $0.count } }

    public func resourceNames() -> [GroupKind: String] { names.withLock { $0 } }

    public func read(_ resources: [AppliedResource]) async throws -> [ResourceKey: YAMLNode] {
        var out: [ResourceKey: YAMLNode] = [:]
        for r in resources {
            let gvk = GVK(group: r.key.group, version: r.version, kind: r.key.kind)
            if let w = informers.withLock({ $0[gvk] }), w.synced.load(ordering: .acquiring) {
                if let o = w.informer.get(namespace: r.key.namespace, name: r.key.name) { out[r.key] = o }
                continue
            }
            if let o = try await fetch(gvk, r.key) {
                out[r.key] = o
                watch(gvk)
            }
        }
        return out
    }

    /// One object, nil when it does not exist.
    func fetch(_ gvk: GVK, _ key: ResourceKey) async throws(KubeError) -> YAMLNode? {
        do {
            return try await client.get(gvk, name: key.name, namespace: key.namespace.isEmpty ? nil : key.namespace)
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    public func write(_ request: ApplyRequest) async throws -> YAMLNode {
        guard let ref = ObjectRef(object: request.manifest) else {
            throw AgentError(.applyFailed, "the manifest has no apiVersion, kind or name", object: request.key.description)
        }
        let live: YAMLNode
        do {
            live = try await send(request, ref)
        } catch {
            guard error.isConflict && request.strategy == .serverSideApply else { throw error }
            throw AgentError(.applyFailed, "conflict with another field manager: \(error.message)", object: request.key.description,
                hint: "the other writer keeps these fields; to take them over set manifestConfigs[].updateStrategy.serverSideApply.force: true")
        }
        if let m = try? await client.discovery.mapping(for: ref.gvk) { names.withLock { $0[ref.gvk.groupKind] = m.resource } }
        watch(ref.gvk)
        return live
    }

    /// The write itself, by strategy.
    func send(_ request: ApplyRequest, _ ref: ObjectRef) async throws(KubeError) -> YAMLNode {
        switch request.strategy {
        case .serverSideApply:
            return try await client.apply(request.manifest, fieldManager: request.fieldManager, force: request.force)
        case .update:
            guard let current = try await fetch(ref.gvk, request.key) else {
                return try await client.create(request.manifest, fieldManager: request.fieldManager)
            }
            var object = request.manifest
            object[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            return try await client.update(object, fieldManager: request.fieldManager)
        case .createOnly:
            if let current = try await fetch(ref.gvk, request.key) { return current }
            return try await client.create(request.manifest, fieldManager: request.fieldManager)
        case .readOnly:
            guard let current = try await fetch(ref.gvk, request.key) else {
                throw KubeError(kind: .status, category: .notFound, code: 404, reason: "NotFound", message: "\(request.key) does not exist")
            }
            return current
        }
    }

    public func delete(_ resource: AppliedResource) async throws -> YAMLNode? {
        let gvk = GVK(group: resource.key.group, version: resource.version, kind: resource.key.kind)
        let answer: YAMLNode
        do {
            answer = try await client.delete(gvk, name: resource.key.name,
                namespace: resource.key.namespace.isEmpty ? nil : resource.key.namespace,
                options: DeleteOptions(propagationPolicy: .foreground))
        } catch {
            if error.isNotFound { return nil }
            throw error
        }
        return answer.string(at: "kind") == "Status" || (answer.string(at: "metadata", "deletionTimestamp") ?? "").isEmpty ? nil : answer
    }

    /// Starts the informer of a kind once.
    func watch(_ gvk: GVK) {
        let w: WatchedKind? = informers.withLock { map in
            if map[gvk] != nil { return nil }
            let w = WatchedKind(Informer(client: client, gvk: gvk))
            map[gvk] = w
            return w
        }
        guard let w else { return }
        let sink = self.sink
        w.informer.start()
        let t = Task {
            for await change in w.informer.changes {
                switch change {
                case .synced: w.synced.store(true, ordering: .releasing)
                case .added(let o), .deleted(let o), .updated(_, let o):
                    if let key = ResourceKey(object: o) { sink.yield(key) }
                }
            }
        }
        w.task.withLock { $0 = t }
    }
}
