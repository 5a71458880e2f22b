import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Reconcile

// agent-bench: measurements of the work agent against `kealm hub serve` (see bench/agent.bench).
//
//   agent-bench HUB_KUBECONFIG MEMBER_KUBECONFIG CLUSTER drift N
//       median and p90 of edit → reverted (ms) over N edits of an applied ConfigMap field, and the
//       median of one server-side apply round trip of the same object (the floor, as the peer).
//   agent-bench HUB_KUBECONFIG MEMBER_KUBECONFIG CLUSTER waves OBJECTS
//       ms from publishing a 5-wave ManifestWork of OBJECTS objects (inter-wave delay 0) to all
//       waves complete, and the ms to apply the same objects one by one without waves (the peer).

let args = CommandLine.arguments
guard args.count == 6 else {
    FileHandle.standardError.write(Data("usage: agent-bench HUB_KUBECONFIG MEMBER_KUBECONFIG CLUSTER drift|waves N\n".utf8))
    exit(64)
}
let hub = try KubeClient(kubeconfig: args[1])
let member = try KubeClient(kubeconfig: args[2])
let cluster = args[3]
let n = Int(args[5]) ?? 10
let workGVK = ManifestWork.gvk
let cmGVK = GVK(group: "", version: "v1", kind: "ConfigMap")
/// A suffix so that runs against one hub do not meet.
let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
let ns = "bench-\(run)"

func now() -> Double { Date().timeIntervalSince1970 * 1000 }
func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
func p90(_ xs: [Double]) -> Double { xs.sorted()[min(xs.count - 1, Int(Double(xs.count) * 0.9))] }

func publish(_ name: String, manifests: [YAMLNode], force: Bool) async throws {
    var configs: [YAMLNode] = []
    if force {
        for m in manifests {
            let ref = ObjectRef(object: m)!
            configs.append(try YAMLParser.parse("""
                {resourceIdentifier: {group: "\(ref.gvk.group)", resource: \(ref.gvk.kind.lowercased())s, namespace: "\(ref.namespace)", name: \(ref.name)}, updateStrategy: {type: ServerSideApply, serverSideApply: {force: true}}}
                """))
        }
    }
    let work = YAMLNode.mapping([
        YAMLPair("apiVersion", .string("work.open-cluster-management.io/v1")), YAMLPair("kind", .string("ManifestWork")),
        YAMLPair("metadata", .mapping([YAMLPair("name", .string(name)), YAMLPair("namespace", .string(cluster)),
            YAMLPair("annotations", .mapping([YAMLPair(AgentSettings.waveDelayAnnotation, .string("0s"))]))])),
        YAMLPair("spec", .mapping([YAMLPair("workload", .mapping([YAMLPair("manifests", .sequence(manifests))])),
            YAMLPair("manifestConfigs", .sequence(configs))])),
    ])
    _ = try await hub.apply(work, fieldManager: "agent-bench", force: true)
}

func complete(_ name: String) async throws -> Bool {
    let w = try await hub.get(workGVK, name: name, namespace: cluster)
    return w[path: ["status", "conditions"]]?.items?.contains {
        $0.string(at: "type") == WorkAgent.waveCondition && $0.string(at: "status") == "True"
            && $0["observedGeneration"]?.intValue == w[path: ["metadata", "generation"]]?.intValue
    } ?? false
}

func waitFor(_ check: () async throws -> Bool) async throws {
    for _ in 0..<12_000 {
        if try await check() { return }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
    throw NSError(domain: "agent-bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "timed out"])
}

var settings = AgentSettings()
settings.gate.delay = 0
let pool = PushAgentPool(hub: hub, settings: settings) { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
pool.add(cluster: cluster, member: member)
_ = try await member.apply(try YAMLParser.parse("{apiVersion: v1, kind: Namespace, metadata: {name: \(ns)}}"), fieldManager: "agent-bench")

switch args[4] {
case "drift":
    // One ConfigMap per edit, so every edit is a first revert (no self-heal backoff in the figure).
    let cms = try (0..<n).map { i in
        try YAMLParser.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: target-\(i), namespace: \(ns)}, data: {level: info}}")
    }
    try await publish("drift-\(run)", manifests: cms, force: true)
    try await waitFor { try await complete("drift-\(run)") }
    var latencies: [Double] = []
    for i in 0..<n {
        let t = now()
        _ = try await member.patch(cmGVK, name: "target-\(i)", namespace: ns, type: .merge,
            patch: try YAMLParser.parse("{data: {level: edited}}"), fieldManager: "kubectl-edit")
        try await waitFor { try await member.get(cmGVK, name: "target-\(i)", namespace: ns).string(at: "data", "level") == "info" }
        latencies.append(now() - t)
    }
    var floor: [Double] = []
    var peer = cms[0]
    peer[path: ["metadata", "name"]] = .string("peer")
    for _ in 0..<max(n, 5) {
        let t = now()
        _ = try await member.apply(peer, fieldManager: "agent-bench", force: true)
        floor.append(now() - t)
    }
    print(String(format: "drift-revert ms: median %.1f p90 %.1f (n=%d); one apply round trip (peer) median %.1f; ratio %.1f",
        median(latencies), p90(latencies), n, median(floor), median(latencies) / median(floor)))
case "waves":
    var manifests: [YAMLNode] = []
    for i in 0..<n {
        let wave = i * 5 / n
        let kind = i % 2 == 0 ? "ConfigMap" : "Deployment"
        let text = kind == "ConfigMap"
            ? "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm-\(i), namespace: \(ns), annotations: {kealm.io/sync-wave: '\(wave)'}}, data: {i: '\(i)'}}"
            : "{apiVersion: apps/v1, kind: Deployment, metadata: {name: dep-\(i), namespace: \(ns), annotations: {kealm.io/sync-wave: '\(wave)'}}, spec: {replicas: 1, selector: {matchLabels: {app: d\(i)}}, template: {metadata: {labels: {app: d\(i)}}, spec: {containers: [{name: c, image: 'img:1'}]}}}}"
        manifests.append(try YAMLParser.parse(text))
    }
    let t = now()
    try await publish("waves-\(run)", manifests: manifests, force: false)
    try await waitFor { try await complete("waves-\(run)") }
    let agentMs = now() - t
    _ = try await member.apply(try YAMLParser.parse("{apiVersion: v1, kind: Namespace, metadata: {name: peer-\(run)}}"), fieldManager: "agent-bench")
    let t2 = now()
    for var m in manifests {
        m[path: ["metadata", "namespace"]] = .string("peer-\(run)")
        _ = try await member.apply(m, fieldManager: "agent-bench", force: true)
    }
    let peerMs = now() - t2
    print(String(format: "5-wave %d-object ManifestWork, delay 0: %.0f ms to complete; plain applies without waves (peer): %.0f ms; ratio %.2f",
        n, agentMs, peerMs, agentMs / peerMs))
default:
    FileHandle.standardError.write(Data("unknown mode \(args[4])\n".utf8))
    exit(64)
}
// Clean up (the agent deletes what the work applied, then its finalizer) so that runs do not meet.
for name in ["drift-\(run)", "waves-\(run)"] {
    if (try? await hub.delete(workGVK, name: name, namespace: cluster)) != nil {
        try await waitFor { (try? await hub.get(workGVK, name: name, namespace: cluster)) == nil }
    }
}
if let st = pool.runner(for: cluster)?.statistics {
    FileHandle.standardError.write(Data("agent: \(st.reconciles) reconciles, \(st.writes) writes\n".utf8))
}
pool.stop()
