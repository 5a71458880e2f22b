import Drift
import Health
import KealmYAML
import Planning

/// What a pass knows about each manifest: its drift and health, computed once per pass.
struct Facts {
    let input: AgentInput
    let layout: WorkLayout
    let settings: AgentSettings
    let drifts: [ResourceKey: ResourceDrift]
    let health: [ResourceKey: HealthAssessment]
    /// Drift results by manifest fingerprint and live resourceVersion, carried between passes.
    let memo: [ResourceKey: DriftMemo]

    init(input: AgentInput, layout: WorkLayout, settings: AgentSettings, memo old: [ResourceKey: DriftMemo] = [:]) {
        self.input = input
        self.layout = layout
        self.settings = settings
        var drifts: [ResourceKey: ResourceDrift] = [:]
        var health: [ResourceKey: HealthAssessment] = [:]
        var memo: [ResourceKey: DriftMemo] = [:]
        for (key, item) in layout.items {
            guard let live = input.live[key] else { continue }
            health[key] = settings.health.assess(live)
            guard item.strategy.kind == .serverSideApply || item.strategy.kind == .update else { continue }
            let rv = live.string(at: "metadata", "resourceVersion") ?? ""
            if let m = old[key], !rv.isEmpty, m.fingerprint == item.fingerprint, m.resourceVersion == rv {
                drifts[key] = m.drift
                memo[key] = m
                continue
            }
            let d = DriftDetector.compare(desired: item.manifest, live: live,
                options: DriftOptions(manager: item.strategy.fieldManager ?? settings.fieldManager))
            drifts[key] = d
            memo[key] = DriftMemo(fingerprint: item.fingerprint, resourceVersion: rv, drift: d)
        }
        self.drifts = drifts
        self.health = health
        self.memo = memo
    }

    func drift(_ key: ResourceKey) -> ResourceDrift? { drifts[key] }

    /// The object exists and matches its manifest on the fields Kealm manages.
    func inSync(_ key: ResourceKey) -> Bool {
        input.live[key] != nil && !(drifts[key]?.isDrifted ?? false)
    }

    /// In sync and Healthy (or Suspended, when the gate counts it as done).
    func ready(_ key: ResourceKey, _ policy: GatePolicy) -> Bool {
        guard inSync(key), let h = health[key] else { return false }
        return h.status == .healthy || (h.status == .suspended && policy.suspendedIsReady)
    }

    /// The gate's view of one object.
    func observation(_ key: ResourceKey, state: WorkAgentState) -> ManifestObservation {
        let item = layout.items[key]
        let appliedNow = item.map { state.applied[key] == $0.fingerprint } ?? false && state.failures[key] == nil
        let h = health[key] ?? HealthAssessment(.missing, "resource does not exist")
        return ManifestObservation(applied: appliedNow || inSync(key), health: h, current: true)
    }
}
