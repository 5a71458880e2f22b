import Foundation
import Testing
@testable import KealmApp
import KubeClient
import Synchronization

/// The fleet controller's work queue: coalescing, batch order, delayed adds.
@Suite struct FleetWorkQueueTests {
    @Test func aBurstOnOneObjectIsOneKey() {
        let q = FleetWorkQueue()
        let k = FleetKey(kind: .placement, namespace: "ns", name: "p")
        for _ in 0..<10_000 { q.add(k) }
        q.add([FleetKey(kind: .applicationSet, namespace: "argocd", name: "a"), k])
        #expect(q.drain().count == 2)
        #expect(q.drain().isEmpty)
    }

    @Test func batchesRunPlacementsThenGitOpsClustersThenApplicationSets() {
        let keys: Set<FleetKey> = [
            FleetKey(kind: .applicationSet, namespace: "a", name: "x"), FleetKey(kind: .gitOpsCluster, namespace: "z", name: "g"),
            FleetKey(kind: .placement, namespace: "z", name: "p"), FleetKey(kind: .placement, namespace: "a", name: "p"),
        ]
        #expect(keys.sorted().map(\.description) == ["placement a/p", "placement z/p", "gitOpsCluster z/g", "applicationSet a/x"])
    }

    @Test func delayedAddsArriveAndTheEarliestWins() async throws {
        let q = FleetWorkQueue()
        let k = FleetKey(kind: .placement, namespace: "ns", name: "p")
        q.add(k, after: 30)
        q.add(k, after: 0.05)
        q.add(k, after: 60)
        var wakeups = q.wakeups.makeAsyncIterator()
        _ = await wakeups.next()
        #expect(q.drain() == [k])
    }
}

/// A fleet controller whose hub never answers still stops when cancelled (it waits for its first
/// lists, but not past cancellation).
@Suite struct FleetControllerStopTests {
    @Test func cancelledBeforeTheFirstListStops() async throws {
        let dir = NSTemporaryDirectory() + "kealm-fleet-stop-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """.write(toFile: dir + "/kubeconfig", atomically: true, encoding: .utf8)
        let controller = FleetController(client: try KubeClient(kubeconfig: dir + "/kubeconfig"), interval: 3600)
        let task = Task { try await controller.run() }
        try await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        final class Flag: Sendable { let done = Atomic(false) }
        let flag = Flag()
        Task {
            _ = await task.result
            flag.done.store(true, ordering: .sequentiallyConsistent)
        }
        let start = Date()
        while !flag.done.load(ordering: .sequentiallyConsistent) && Date().timeIntervalSince(start) < 30 {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let stopped = flag.done.load(ordering: .sequentiallyConsistent)
        #expect(stopped)
    }
}
