import Foundation
import Testing
@testable import KealmApp

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
