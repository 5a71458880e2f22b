import Foundation
import KealmYAML
import Planning
import Reconcile
import Testing

/// The wave gate of the pure pass: order, health gating, delay, fail fast, timeout, fast-forward.
@Suite struct WorkAgentWaveTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let work = AgentFixtures.parsed(AgentFixtures.work())

    /// Applies everything a pass asks for (healthy, or per `sim`), returning the next state and live set.
    func step(_ pass: AgentPass, live: inout [ResourceKey: YAMLNode], at now: Date, settings: AgentSettings = AgentSettings(),
        sim: (YAMLNode) -> YAMLNode = { Simulated.healthy($0) }) -> WorkAgentState
    {
        var s = pass.state
        for r in pass.applyRequests {
            live[r.key] = sim(r.manifest)
            _ = WorkAgent.record(.applied, for: r, into: &s, now: now, settings: settings)
        }
        return s
    }

    /// Passes at one instant until nothing more happens; objects are shaped by `sim`.
    func settle(_ settings: AgentSettings, sim: (YAMLNode) -> YAMLNode) -> (AgentPass, [ResourceKey: YAMLNode]) {
        var live: [ResourceKey: YAMLNode] = [:]
        var p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: WorkAgentState(), settings: settings)
        for _ in 0..<20 {
            let s = step(p, live: &live, at: t0, settings: settings, sim: sim)
            p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: s, settings: settings)
            if p.applyRequests.isEmpty && !p.again { break }
        }
        return (p, live)
    }

    @Test func firstPassAppliesOnlyWaveZeroInKindOrder() {
        let p = WorkAgent.pass(AgentInput(work: work, live: [:], now: t0), state: WorkAgentState(), settings: AgentSettings())
        #expect(p.applied == ["Namespace shop", "CustomResourceDefinition widgets.example.com", "ClusterRole widget-operator"])
        #expect(p.state.released == 0)
        #expect(p.condition("kealm.io/WaveProgress")?.string(at: "reason") == "Waiting")
        #expect(p.annotations[WorkAgent.currentWaveAnnotation] == "0")
    }

    @Test func eachWaveWaitsForThePreviousAndTheDelay() {
        var live: [ResourceKey: YAMLNode] = [:]
        var now = t0
        var p = WorkAgent.pass(AgentInput(work: work, live: live, now: now), state: WorkAgentState(), settings: AgentSettings())
        var order: [[String]] = []
        for _ in 0..<40 {
            if !p.applied.isEmpty { order.append(p.applied) }
            let s = step(p, live: &live, at: now)
            if p.state.phase == .complete { break }
            if p.applyRequests.isEmpty && !p.again {
                // Nothing to do until the requeue time (the 2 s inter-wave delay).
                #expect(p.requeueAt != nil)
                now = p.requeueAt ?? now.addingTimeInterval(1)
            }
            p = WorkAgent.pass(AgentInput(work: work, live: live, now: now), state: s, settings: AgentSettings())
        }
        #expect(p.state.phase == .complete)
        #expect(order.map(\.count) == [3, 3, 2, 1, 1])
        #expect(order[3] == ["Deployment operator"])
        #expect(order[4] == ["Widget main"])
        // Four inter-wave delays of 2 s each.
        #expect(now.timeIntervalSince(t0) == 8)
        #expect(p.condition("kealm.io/WaveProgress")?.string(at: "status") == "True")
        #expect(p.condition("Applied")?.string(at: "status") == "True")
        #expect(p.condition("Progressing")?.string(at: "status") == "False")
    }

    @Test func progressingDeploymentHoldsTheLastWaveAndSaysWhy() {
        var settings = AgentSettings()
        settings.gate.delay = 0
        var (p, live) = settle(settings) { $0.string(at: "kind") == "Deployment" ? Simulated.progressing($0) : Simulated.healthy($0) }
        #expect(p.state.phase == .running)
        #expect(!p.applied.contains("Widget main"))
        #expect(live[ResourceKey(group: "example.com", kind: "Widget", namespace: "shop", name: "main")] == nil)
        let message = p.condition("kealm.io/WaveProgress")?.string(at: "message") ?? ""
        #expect(message.contains("wave 3"), "\(message)")
        #expect(message.contains("Deployment shop/operator Progressing"), "\(message)")
        #expect(p.condition("Progressing")?.string(at: "status") == "True")
        // The waiting manifest says what it waits for.
        let widget = p.status?[path: ["resourceStatus", "manifests"]]?.items?.last
        #expect(widget?["conditions"]?.items?.first?.string(at: "reason") == "WaitingForWave")
    }

    @Test func degradedResourceStopsTheWavesWithAClearMessage() {
        var settings = AgentSettings()
        settings.gate.delay = 0
        var (p, live) = settle(settings) { $0.string(at: "kind") == "Deployment" ? Simulated.degraded($0) : Simulated.healthy($0) }
        #expect(p.state.phase == .failed)
        #expect(p.condition("Degraded")?.string(at: "status") == "True")
        let message = p.condition("kealm.io/WaveProgress")?.string(at: "message") ?? ""
        #expect(message.contains("waves stopped at step 4 of 5"), "\(message)")
        #expect(message.contains("Deployment shop/operator Degraded"), "\(message)")
        #expect(message.contains("exceeded its progress deadline"), "\(message)")
        #expect(live[ResourceKey(group: "example.com", kind: "Widget", namespace: "shop", name: "main")] == nil)
        // Level-triggered: once the Deployment recovers, the last wave goes.
        let dep = ResourceKey(group: "apps", kind: "Deployment", namespace: "shop", name: "operator")
        live[dep] = Simulated.healthy(live[dep]!)
        p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: p.state, settings: settings)
        let again = p.again
        #expect(again)
        p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: p.state, settings: settings)
        #expect(p.applied == ["Widget main"])
    }

    @Test func waveTimeoutIsReported() {
        var settings = AgentSettings()
        settings.gate.timeout = 30
        var live: [ResourceKey: YAMLNode] = [:]
        let p0 = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: WorkAgentState(), settings: settings)
        var s = step(p0, live: &live, at: t0, settings: settings)
        let ns = ResourceKey(group: "", kind: "Namespace", name: "shop")
        live[ns]?["status"] = try! YAMLParser.parse("{phase: Terminating}")
        var p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(1)), state: s, settings: settings)
        #expect(p.state.phase == .running)
        #expect(p.requeueAt == t0.addingTimeInterval(30))
        s = p.state
        p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0.addingTimeInterval(31)), state: s, settings: settings)
        #expect(p.state.phase == .timedOut)
        #expect(p.condition("kealm.io/WaveProgress")?.string(at: "message")?.contains("timed out after 30 s") == true)
    }

    @Test func workAnnotationsOverrideTheDelay() {
        let w = AgentFixtures.parsed(AgentFixtures.work(annotations: [AgentSettings.waveDelayAnnotation: "0s", AgentSettings.waveTimeoutAnnotation: "5m"]))
        let g = AgentSettings().gate(for: w)
        #expect(g.delay == 0)
        #expect(g.timeout == 300)
        #expect(AgentSettings.duration("500ms") == 0.5)
        #expect(AgentSettings.duration("x") == nil)
    }

    @Test func freshAgentFastForwardsOverWavesAlreadyInPlace() {
        // Everything but the custom resource exists and is healthy (an agent restart mid-way).
        var live: [ResourceKey: YAMLNode] = [:]
        for m in work.manifests where m.string(at: "kind") != "Widget" { live[ResourceKey(object: m)!] = Simulated.healthy(m) }
        let p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: WorkAgentState(), settings: AgentSettings())
        #expect(p.state.released == 4)
        #expect(p.applied.contains("Widget main"))
    }

    @Test func suspendedVirtualMachineCountsAsReady() {
        let manifests = """
            - {apiVersion: kubevirt.io/v1, kind: VirtualMachine, metadata: {name: vm, namespace: demo, annotations: {kealm.io/sync-wave: "0"}}, spec: {running: false}}
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: after, namespace: demo, annotations: {kealm.io/sync-wave: "1"}}}
            """
        let w = AgentFixtures.parsed(AgentFixtures.work(manifests))
        var settings = AgentSettings()
        settings.gate.delay = 0
        var live: [ResourceKey: YAMLNode] = [:]
        let p = WorkAgent.pass(AgentInput(work: w, live: live, now: t0), state: WorkAgentState(), settings: settings)
        let s = step(p, live: &live, at: t0, settings: settings) { o in
            var o = Simulated.healthy(o)
            o["status"] = try! YAMLParser.parse("{printableStatus: Stopped, conditions: [{type: Ready, status: 'False', reason: VMINotExists}]}")
            return o
        }
        let p2 = WorkAgent.pass(AgentInput(work: w, live: live, now: t0), state: s, settings: settings)
        let again = p2.again
        #expect(again)
        let p3 = WorkAgent.pass(AgentInput(work: w, live: live, now: t0), state: p2.state, settings: settings)
        #expect(p3.applied == ["ConfigMap after"])
    }
}
