import KealmModel
import KealmYAML

extension KubeClient {
    /// Watches a kind (in a namespace, or all namespaces with nil) as an async sequence.
    ///
    /// The watch resumes by itself from the last resourceVersion it saw (object or bookmark)
    /// whenever the server ends the stream or the connection breaks, so no event is lost or
    /// repeated across reconnects. Bookmarks are requested. When the server answers 410 Gone
    /// (the resourceVersion is too old) it relists and emits `.resync` with the full state.
    /// It ends with an error after `maxConsecutiveFailures` failed reconnects, or when a
    /// non-retryable error occurs; ending the consuming loop stops it.
    public func watch(_ gvk: GVK, namespace: String? = nil, options: WatchOptions = WatchOptions())
        -> AsyncThrowingStream<WatchEvent, any Error>
    {
        let (stream, cont) = AsyncThrowingStream<WatchEvent, any Error>.makeStream()
        let task = Task {
            do throws(KubeError) {
                try await runWatch(gvk, namespace: namespace, options: options) { cont.yield($0) }
                cont.finish()
            } catch {
                cont.finish(throwing: error)
            }
        }
        cont.onTermination = { _ in task.cancel() }
        return stream
    }

    func runWatch(_ gvk: GVK, namespace: String?, options: WatchOptions, emit: (WatchEvent) -> Void) async throws(KubeError) {
        var rv = options.resourceVersion
        var failures = 0
        while !Task.isCancelled {
            let m = try await discovery.mapping(for: gvk)
            let q = ResourceMapping.query([
                ("watch", "true"), ("allowWatchBookmarks", "true"), ("resourceVersion", rv),
                ("labelSelector", options.labelSelector), ("fieldSelector", options.fieldSelector),
                ("timeoutSeconds", String(options.serverTimeoutSeconds)),
            ])
            let request = HTTPRequest(method: "GET", path: m.path(namespace: m.namespaced ? namespace : nil) + q,
                headers: Self.json)
            var gone = false
            var failure: KubeError?
            var received = 0
            do {
                try await limiter.acquire()
                for try await line in transport.lines(request) {
                    failures = 0
                    received += 1
                    let node: YAMLNode
                    do { node = try JSONReader.decode(line) } catch {
                        throw KubeError(kind: .decode, category: .internal, message: "undecodable watch event: \(error)",
                            request: request.summary)
                    }
                    let type = node.string(at: "type") ?? ""
                    let object = node["object"] ?? .null
                    if type == "ERROR" {
                        let e = KubeError.fromStatus(object, request: request.summary)
                        if e.isGone { gone = true; break }
                        throw e
                    }
                    if let v = object.string(at: "metadata", "resourceVersion"), !v.isEmpty { rv = v }
                    switch type {
                    case "ADDED": emit(.added(object))
                    case "MODIFIED": emit(.modified(object))
                    case "DELETED": emit(.deleted(object))
                    case "BOOKMARK": emit(.bookmark(resourceVersion: rv ?? ""))
                    default: break
                    }
                }
            } catch let e as KubeError {
                if e.kind == .cancelled || Task.isCancelled { return }
                if e.isGone { gone = true } else { failure = e }
            } catch {
                if Task.isCancelled { return }
                failure = KubeError.transport("\(error)", request: request.summary)
            }
            if gone {
                let list = try await self.list(gvk, namespace: namespace,
                    options: ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector))
                rv = list.resourceVersion
                emit(.resync(items: list.items, resourceVersion: list.resourceVersion))
                continue
            }
            guard let failure else {
                // The server closed the stream: resume at once, or after a short pause when it
                // closed it without sending anything (avoids a tight loop).
                if received == 0 { try await Self.pause(0.2) }
                continue
            }
            if failure.code == 404 && failure.objectName == nil { discovery.invalidate() }
            failures += 1
            let retryable = failure.category == .unavailable || failure.code == 404
            if !retryable || failures >= options.maxConsecutiveFailures { throw failure }
            try await Self.pause(self.options.retry.delay(afterAttempt: failures, retryAfter: failure.retryAfterSeconds,
                unit: Double.random(in: 0..<1)))
        }
    }
}
