import KealmYAML

/// An open watch: its event stream and the id to close it with.
public struct WatchHandle: Sendable {
    public var id: Int
    public var events: AsyncStream<WatchEvent>
}

extension LogicalCluster {
    /// Opens a watch on a resource. With `from` nil or 0 the current objects come first as ADDED
    /// events; with a resourceVersion, every later change still in the history comes first
    /// (410 Gone when the history no longer reaches back that far).
    public func watch(_ r: ResourceInfo, filter: ObjectFilter, from: Int?) throws(APIError) -> WatchHandle {
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream()
        let id = try state.withLock { st throws(APIError) -> Int in
            if let from, from != 0 {
                if from < st.historyStart {
                    throw APIError.gone("too old resource version: \(from) (\(st.historyStart))")
                }
                for e in orderedHistory(st) where e.resourceVersion > from && e.resource == r.storageKey
                    && filter.matches(namespace: e.namespace, object: e.object) {
                    continuation.yield(e)
                }
            } else {
                for (k, obj) in (st.objects[r.storageKey] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let ns = String(k[..<k.firstIndex(of: "/")!])
                    guard filter.matches(namespace: ns, object: obj.node) else { continue }
                    continuation.yield(WatchEvent(type: "ADDED", resource: r.storageKey, namespace: ns,
                                                  name: obj.node.string(at: "metadata", "name") ?? "",
                                                  resourceVersion: obj.resourceVersion, object: obj.node, json: obj.json))
                }
            }
            st.nextWatcher += 1
            st.watchers[st.nextWatcher] = Watcher(resource: r.storageKey, filter: filter, continuation: continuation)
            return st.nextWatcher
        }
        return WatchHandle(id: id, events: stream)
    }

    /// Closes a watch.
    public func closeWatch(_ id: Int) {
        let w = state.withLock { $0.watchers.removeValue(forKey: id) }
        w?.continuation.finish()
    }

    /// Ends every watch (the cluster is being removed or the server stops).
    public func closeAllWatches() {
        let all = state.withLock { st -> [Watcher] in
            let ws = Array(st.watchers.values)
            st.watchers = [:]
            return ws
        }
        for w in all { w.continuation.finish() }
    }

    /// The number of open watches.
    public var watchCount: Int { state.withLock { $0.watchers.count } }
}
