import Foundation
import KealmModel
import KealmYAML
import Planning
import Reconcile
import Synchronization
import Testing

/// An in-memory member cluster that makes written objects healthy (or as `shape` says).
final class FakeMember: AgentMember {
    let objects = Mutex<[ResourceKey: YAMLNode]>([:])
    let writes = Mutex<[String]>([])
    let down = Atomic<Bool>(false)
    let shape: @Sendable (YAMLNode) -> YAMLNode

    init(shape: @escaping @Sendable (YAMLNode) -> YAMLNode = { Simulated.healthy($0) }) { self.shape = shape }

    struct Unreachable: Error, CustomStringConvertible { var description: String { "connection refused" } }

    func read(_ resources: [AppliedResource]) async throws -> [ResourceKey: YAMLNode] {
        if down.load(ordering: .relaxed) { throw Unreachable() }
        return objects.withLock { o in Dictionary(uniqueKeysWithValues: resources.compactMap { r in o[r.key].map { (r.key, $0) } }) }
    }
    func write(_ request: ApplyRequest) async throws -> YAMLNode {
        if down.load(ordering: .relaxed) { throw Unreachable() }
        let o = shape(request.manifest)
        objects.withLock { $0[request.key] = o }
        writes.withLock { $0.append("\(request.key.kind) \(request.key.name)") }
        return o
    }
    func delete(_ resource: AppliedResource) async throws -> YAMLNode? {
        objects.withLock { $0[resource.key] = nil }
        writes.withLock { $0.append("delete \(resource.key.kind) \(resource.key.name)") }
        return nil
    }
    func resourceNames() -> [GroupKind: String] { [:] }
}

/// An in-memory hub holding one work.
final class FakeAgentHub: AgentHub {
    let object: Mutex<YAMLNode>
    let events = Mutex<[AgentEvent]>([])
    let statusWrites = Atomic<Int>(0)

    init(_ work: YAMLNode) { object = Mutex(work) }

    var work: ManifestWork { try! ManifestWork(object.withLock { $0 }) }

    func setFinalizer(_ work: ManifestWork, present: Bool) async throws {
        object.withLock { $0[path: ["metadata", "finalizers"]] = .sequence(present ? [.string(ManifestWork.cleanupFinalizer)] : []) }
    }
    func setAnnotations(_ work: ManifestWork, _ annotations: [String: String]) async throws {
        object.withLock { o in for (k, v) in annotations { o[path: ["metadata", "annotations", k]] = .string(v) } }
    }
    func writeStatus(_ work: ManifestWork, _ status: YAMLNode) async throws {
        statusWrites.add(1, ordering: .relaxed)
        object.withLock { $0["status"] = status }
    }
    func record(_ event: AgentEvent, about work: ManifestWork) async throws { events.withLock { $0.append(event) } }
}

final class FakeClock: AgentClock {
    let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { time.withLock { $0 } }
    func advance(to date: Date) { time.withLock { $0 = max($0, date) } }
}

@Suite struct WorkAgentDriverTests {
    /// Reconciles until nothing is scheduled or the waves are complete; jumps the clock to each requeue time.
    func run(_ hub: FakeAgentHub, _ member: FakeMember, _ clock: FakeClock, state: WorkAgentState = WorkAgentState(),
        rounds: Int = 30) async -> WorkAgentState
    {
        var state = state
        let effects = AgentEffects(hub: hub, member: member, clock: clock)
        for _ in 0..<rounds {
            let r = await WorkAgentDriver.reconcile(hub.work, state: state, effects: effects, settings: AgentSettings())
            state = r.state
            if r.finished || state.phase == .complete || state.phase == .failed { break }
            guard let at = r.requeueAt else { break }
            clock.advance(to: at)
        }
        return state
    }

    @Test func fiveWavesApplyInOrderWithTheDelayBetweenThem() async {
        let hub = FakeAgentHub(AgentFixtures.work(finalizer: false))
        let member = FakeMember()
        let clock = FakeClock()
        let start = clock.now
        let state = await run(hub, member, clock)
        #expect(state.phase == .complete)
        let writes = member.writes.withLock { $0 }
        #expect(writes.count == 10)
        #expect(writes.firstIndex(of: "Deployment operator")! > writes.firstIndex(of: "RoleBinding operator")!)
        #expect(writes.last == "Widget main")
        #expect(clock.now.timeIntervalSince(start) == 8)
        let work = hub.work
        #expect(work.finalizers == [ManifestWork.cleanupFinalizer])
        #expect(work.annotations[WorkAgent.currentWaveAnnotation] == "4")
        #expect(work.status?["conditions"]?.items?.first { $0.string(at: "type") == "Applied" }?.string(at: "status") == "True")
    }

    @Test func driftIsRevertedInOneReconcileAndRecorded() async {
        let hub = FakeAgentHub(AgentFixtures.work())
        let member = FakeMember()
        let clock = FakeClock()
        var state = await run(hub, member, clock)
        let key = ResourceKey(group: "", kind: "ConfigMap", namespace: "shop", name: "operator-config")
        member.objects.withLock { $0[key]?[path: ["data", "level"]] = .string("debug") }
        let r = await WorkAgentDriver.reconcile(hub.work, state: state, effects: AgentEffects(hub: hub, member: member, clock: clock),
            settings: AgentSettings())
        state = r.state
        #expect(member.objects.withLock { $0[key]?.string(at: "data", "level") } == "info")
        #expect(hub.events.withLock { $0.map(\.reason) } == ["DriftReverted"])
        #expect(hub.work.annotations[WorkAgent.driftRevertsAnnotation] == "1")
    }

    @Test func unreachableMemberIsReportedOnTheWork() async {
        let hub = FakeAgentHub(AgentFixtures.work())
        let member = FakeMember()
        member.down.store(true, ordering: .relaxed)
        let clock = FakeClock()
        let r = await WorkAgentDriver.reconcile(hub.work, state: WorkAgentState(), effects: AgentEffects(hub: hub, member: member, clock: clock),
            settings: AgentSettings())
        #expect(r.requeueAt != nil)
        let available = hub.work.status?["conditions"]?.items?.first { $0.string(at: "type") == "Available" }
        #expect(available?.string(at: "status") == "Unknown")
        #expect(available?.string(at: "reason") == "ClusterUnreachable")
        #expect(available?.string(at: "message")?.contains("connection refused") == true)
    }

    @Test func deletingTheWorkRemovesEverythingThenTheFinalizer() async {
        let hub = FakeAgentHub(AgentFixtures.work())
        let member = FakeMember()
        let clock = FakeClock()
        let state = await run(hub, member, clock)
        hub.object.withLock { $0[path: ["metadata", "deletionTimestamp"]] = .string("2027-01-15T08:00:00Z") }
        let r = await WorkAgentDriver.reconcile(hub.work, state: state, effects: AgentEffects(hub: hub, member: member, clock: clock),
            settings: AgentSettings())
        #expect(r.finished)
        #expect(member.objects.withLock { $0.isEmpty })
        #expect(hub.work.finalizers.isEmpty)
    }

    @Test func unchangedWorkWritesNothing() async {
        let hub = FakeAgentHub(AgentFixtures.work())
        let member = FakeMember()
        let clock = FakeClock()
        let state = await run(hub, member, clock)
        let writes = hub.statusWrites.load(ordering: .relaxed)
        let before = member.writes.withLock { $0.count }
        let r = await WorkAgentDriver.reconcile(hub.work, state: state, effects: AgentEffects(hub: hub, member: member, clock: clock),
            settings: AgentSettings())
        #expect(r.writes == 0)
        #expect(member.writes.withLock { $0.count } == before)
        #expect(hub.statusWrites.load(ordering: .relaxed) == writes)
    }
}
