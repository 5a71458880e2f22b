import KealmYAML

/// A running watch response: turns cluster events into `{"type":…,"object":…}` lines, adds
/// BOOKMARK events when asked, and ends at the timeout or when the client goes away.
public struct WatchSession: Sendable {
    let cluster: LogicalCluster
    let handle: WatchHandle
    let resource: ResourceInfo
    let bookmarks: Bool
    /// Seconds until the server ends the watch.
    let timeout: Double
    /// Seconds between bookmarks.
    let bookmarkInterval: Double
    /// Table output (`kubectl get -w`): each event carries a one-row Table, the first with the columns.
    var table: TableRendering? = nil

    /// Ends the watch (the client went away).
    public func stop() { cluster.closeWatch(handle.id) }

    /// Writes the stream until it ends; `write` failing (client gone) ends it too.
    public func run(write: (String) async throws -> Void) async {
        let cluster = self.cluster
        let id = handle.id
        let (timeout, bookmarks, interval) = (self.timeout, self.bookmarks, bookmarkInterval)
        let ticker = Task {
            var elapsed = 0.0
            let step = bookmarks ? min(interval, timeout) : timeout
            while elapsed < timeout {
                try? await Task.sleep(for: .milliseconds(Int(step * 1000)))
                if Task.isCancelled { return }
                elapsed += step
                if bookmarks { cluster.bookmark(id) }
            }
            cluster.closeWatch(id)
        }
        defer {
            ticker.cancel()
            cluster.closeWatch(id)
        }
        var columnsSent = false
        for await e in handle.events {
            let json: String
            if let table, e.type != "BOOKMARK" {
                let obj = LogicalCluster.served(e.object, as: resource)
                json = table.table([obj], metadata: [("resourceVersion", JSONText.str(String(e.resourceVersion)))], columns: !columnsSent)
                columnsSent = true
            } else if e.type == "BOOKMARK" {
                json = JSONText.object([
                    ("kind", JSONText.str(resource.kind)), ("apiVersion", JSONText.str(resource.apiVersion)),
                    ("metadata", JSONText.object([("resourceVersion", JSONText.str(String(e.resourceVersion)))])),
                ])
            } else if resource.isCustom && e.object.string(at: "apiVersion") != resource.apiVersion {
                json = JSON.encode(LogicalCluster.served(e.object, as: resource))
            } else {
                json = e.json
            }
            do { try await write("{\"type\":\"\(e.type)\",\"object\":\(json)}\n") } catch { return }
        }
    }
}

extension LogicalCluster {
    /// Sends a BOOKMARK with the current resourceVersion to one watcher.
    func bookmark(_ id: Int) {
        state.withLock { st in
            guard let w = st.watchers[id] else { return }
            _ = w.continuation.yield(WatchEvent(type: "BOOKMARK", resource: w.resource, namespace: "", name: "",
                                                resourceVersion: st.resourceVersion, object: .null, json: ""))
        }
    }
}
