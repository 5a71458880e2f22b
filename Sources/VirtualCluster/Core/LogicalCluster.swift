import KealmYAML
import Synchronization

/// One stored object held in memory: the tree, its JSON text and its resourceVersion.
struct StoredObject: Sendable {
    var node: YAMLNode
    var json: String
    var resourceVersion: Int
}

/// A watcher registered on a logical cluster.
struct Watcher: Sendable {
    var resource: String
    var filter: ObjectFilter
    var continuation: AsyncStream<WatchEvent>.Continuation
}

/// The mutable state of one logical cluster (guarded by the cluster's lock).
struct ClusterState: Sendable {
    /// The last resourceVersion handed out.
    var resourceVersion: Int
    /// Events with a resourceVersion above this are all in `history`.
    var historyStart: Int
    /// Storage key → `namespace/name` → object.
    var objects: [String: [String: StoredObject]] = [:]
    var registry = ResourceRegistry()
    /// The most recent events, oldest first.
    var history: [WatchEvent] = []
    var historyHead = 0
    var watchers: [Int: Watcher] = [:]
    var nextWatcher = 0
}

/// One change to commit: put the object, or delete it.
enum Change {
    /// Create or replace the object of a resource (by storage key).
    case put(String, YAMLNode, created: Bool)
    /// Delete the object of a resource (by storage key).
    case delete(String, YAMLNode)
}

/// A logical cluster: its objects in memory, written through to the `ObjectStore`, with a
/// resourceVersion counter, a bounded event history and its watchers.
///
/// Every operation runs under one lock, so resourceVersions are handed out in commit order
/// and a watcher sees events in that order. The store commit happens before the memory is
/// changed and before the caller is answered.
public final class LogicalCluster: Sendable {
    /// The cluster's name (`default` for the one served at `/`).
    public let name: String
    let store: any ObjectStore
    let clock: ServerClock
    let historyLimit: Int
    /// The simulated controllers, or nil for none.
    let stages: StageEngine?
    let state: Mutex<ClusterState>

    /// Loads a cluster from the store, registering its CRDs.
    public init(name: String, store: any ObjectStore, clock: ServerClock = .system, historyLimit: Int = 1000,
                stages: StageEngine? = nil) throws {
        self.name = name
        self.stages = stages
        self.store = store
        self.clock = clock
        self.historyLimit = historyLimit
        let snap = try store.load(cluster: name)
        var st = ClusterState(resourceVersion: snap.resourceVersion, historyStart: snap.resourceVersion)
        for rec in snap.records {
            guard let node = try? JSON.decode(rec.json) else { continue }
            st.objects[rec.resource, default: [:]][Self.key(rec.namespace, rec.name)] =
                StoredObject(node: node, json: rec.json, resourceVersion: rec.resourceVersion)
        }
        for crd in st.objects["apiextensions.k8s.io/customresourcedefinitions"]?.values ?? [:].values {
            st.registry.register(crd: crd.node)
        }
        state = Mutex(st)
        try bootstrap()
    }

    static func key(_ namespace: String, _ name: String) -> String { "\(namespace)/\(name)" }

    /// Creates the initial namespaces when missing.
    func bootstrap() throws {
        let nsInfo = BuiltinResources.all[0]
        for ns in BuiltinResources.initialNamespaces {
            let exists = state.withLock { $0.objects[nsInfo.storageKey]?[Self.key("", ns)] != nil }
            if exists { continue }
            let obj: YAMLNode = .mapping([
                YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Namespace")),
                YAMLPair("metadata", .mapping([YAMLPair("name", .string(ns))])),
            ])
            do { _ = try create(nsInfo, namespace: "", object: obj) } catch { if error.code != 409 { throw error } }
        }
    }

    /// The resources this cluster serves now.
    public var registry: ResourceRegistry { state.withLock { $0.registry } }

    /// The last resourceVersion handed out.
    public var resourceVersion: Int { state.withLock { $0.resourceVersion } }

    /// The number of objects held (all resources).
    public var objectCount: Int { state.withLock { $0.objects.values.reduce(0) { $0 + $1.count } } }

    // MARK: commit

    /// Commits changes: each gets the next resourceVersion; the store is written first, then memory,
    /// history and watchers. Returns the objects as committed.
    func commit(_ st: inout ClusterState, _ changes: [Change]) throws(APIError) -> [YAMLNode] {
        var rv = st.resourceVersion
        var writes: [StoreWrite] = []
        var events: [WatchEvent] = []
        var results: [YAMLNode] = []
        for c in changes {
            rv += 1
            switch c {
            case .put(let key, var node, let created):
                node[path: ["metadata", "resourceVersion"]] = .string(String(rv))
                let ns = node.string(at: "metadata", "namespace") ?? ""
                let name = node.string(at: "metadata", "name") ?? ""
                let json = JSON.encode(node)
                writes.append(.put(StoredRecord(resource: key, namespace: ns, name: name, resourceVersion: rv, json: json)))
                events.append(WatchEvent(type: created ? "ADDED" : "MODIFIED", resource: key, namespace: ns, name: name,
                                         resourceVersion: rv, object: node, json: json))
                results.append(node)
            case .delete(let key, var node):
                node[path: ["metadata", "resourceVersion"]] = .string(String(rv))
                let ns = node.string(at: "metadata", "namespace") ?? ""
                let name = node.string(at: "metadata", "name") ?? ""
                writes.append(.delete(resource: key, namespace: ns, name: name))
                events.append(WatchEvent(type: "DELETED", resource: key, namespace: ns, name: name, resourceVersion: rv,
                                         object: node, json: JSON.encode(node)))
                results.append(node)
            }
        }
        do {
            try store.commit(cluster: name, resourceVersion: rv, writes: writes)
        } catch {
            throw APIError.internal("storage failed, nothing was written: \(error)")
        }
        st.resourceVersion = rv
        for e in events {
            let k = Self.key(e.namespace, e.name)
            if e.type == "DELETED" {
                st.objects[e.resource]?[k] = nil
            } else {
                st.objects[e.resource, default: [:]][k] = StoredObject(node: e.object, json: e.json, resourceVersion: e.resourceVersion)
            }
            record(&st, e)
        }
        return results
    }

    /// Appends an event to the bounded history and hands it to matching watchers.
    func record(_ st: inout ClusterState, _ e: WatchEvent) {
        if st.history.count < historyLimit {
            st.history.append(e)
        } else {
            st.historyStart = st.history[st.historyHead].resourceVersion
            st.history[st.historyHead] = e
            st.historyHead = (st.historyHead + 1) % historyLimit
        }
        var gone: [Int] = []
        for (id, w) in st.watchers where w.resource == e.resource && w.filter.matches(namespace: e.namespace, object: e.object) {
            if case .terminated = w.continuation.yield(e) { gone.append(id) }
        }
        for id in gone { st.watchers[id] = nil }
    }

    /// The history, oldest first.
    func orderedHistory(_ st: ClusterState) -> ArraySlice<WatchEvent> {
        if st.history.count < historyLimit || st.historyHead == 0 { return st.history[...] }
        return ArraySlice(st.history[st.historyHead...] + st.history[..<st.historyHead])
    }
}
