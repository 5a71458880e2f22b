import Foundation
import KealmYAML
@testable import VirtualCluster

/// An in-process API (no HTTP) over a store, for unit tests.
struct TestAPI {
    let hub: Hub
    let handler: APIHandler

    init(hub: Hub, handler: APIHandler) {
        self.hub = hub
        self.handler = handler
    }

    init(store: any ObjectStore = MemoryObjectStore(), requireAuth: Bool = false) throws {
        let counter = Counter()
        hub = try Hub(store: store, clock: ServerClock(now: { 1_800_000_000 }, uid: { "uid-\(counter.next())" }))
        handler = APIHandler(hub: hub, serverAddress: "127.0.0.1:0", requireAuth: requireAuth)
    }

    func call(_ method: String, _ path: String, _ body: String = "", contentType: String = "application/json",
              token: String? = nil) async -> (Int, YAMLNode) {
        var p = path
        var q: String?
        if let i = path.firstIndex(of: "?") {
            p = String(path[..<i])
            q = String(path[path.index(after: i)...])
        }
        let res = await handler.handle(APIRequest(method: method, path: p, query: APIRequest.parseQuery(q), contentType: contentType,
                                                  token: token, body: Array(body.utf8)))
        let node = (try? JSON.decode(res.text)) ?? .null
        return (res.status, node)
    }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func peek() -> Int {
        lock.lock()
        defer { lock.unlock() }
        return n
    }
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        n += 1
        return n
    }
}

/// A unique temporary directory.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "kealm-vc-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func cm(_ name: String, _ data: String = "{\"a\":\"1\"}", labels: String = "{}") -> String {
    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"\(name)\",\"labels\":\(labels)},\"data\":\(data)}"
}
