import Foundation
import KealmYAML
import Planning
import Testing

/// Golden files for the ManifestWorks of a five-wave operator install. Regenerate with
/// `KEALM_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff.
@Suite struct GoldenTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func wave(_ n: Int) -> [String: String] { ["argocd.argoproj.io/sync-wave": "\(n)"] }

    static let manifests: [YAMLNode] = [
        manifest("KubeVirt", "kubevirt", ns: "kubevirt", annotations: wave(4), extra: "spec:\n  configuration: {developerConfiguration: {useEmulation: true}}\n"),
        manifest("Deployment", "virt-operator", ns: "kubevirt", annotations: wave(3),
            extra: "spec:\n  replicas: 1\n  selector: {matchLabels: {app: virt-operator}}\n  template:\n    metadata: {labels: {app: virt-operator}}\n    spec:\n      serviceAccountName: kubevirt-operator\n      containers: [{name: virt-operator, image: 'quay.io/kubevirt/virt-operator:v1.3.0'}]\n"),
        manifest("RoleBinding", "kubevirt-operator", ns: "kubevirt", annotations: wave(2)),
        manifest("ClusterRoleBinding", "kubevirt-operator", annotations: wave(2)),
        manifest("ServiceAccount", "kubevirt-operator", ns: "kubevirt", annotations: wave(1)),
        manifest("Role", "kubevirt-operator", ns: "kubevirt", annotations: wave(1)),
        manifest("ConfigMap", "kubevirt-config", ns: "kubevirt", annotations: wave(1), extra: "data: {feature-gates: LiveMigration}\n"),
        manifest("ClusterRole", "kubevirt-operator", annotations: wave(0)),
        crd(group: "kubevirt.io", kind: "KubeVirt", annotations: wave(0)),
        manifest("Namespace", "kubevirt", annotations: wave(0)),
    ]

    func check(_ name: String, _ actual: String) throws {
        let url = Self.dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KEALM_UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs; regenerate with KEALM_UPDATE_GOLDEN=1 and review")
    }

    @Test func fiveWaveOperatorInstall() throws {
        let plan = try SyncPlanner.plan(Self.manifests)
        #expect(plan.steps.map(\.label) == ["wave 0", "wave 1", "wave 2", "wave 3", "wave 4"])
        let prune = PrunePlan.plan(inventory: [
            InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "kubevirt", name: "old-config"), wave: 1,
                manifest: manifest("ConfigMap", "old-config", ns: "kubevirt")),
        ], desired: plan)
        let context = WorkContext(application: "kubevirt-cluster1", applicationNamespace: "openshift-gitops", cluster: "cluster1", revision: "4f2c9e1")
        var outline = ""
        for step in 0...plan.steps.count {
            let names = try ManifestWorkPacker.manifests(plan: plan, prune: prune, progress: .init(step: step), context: context)
                .map { "\($0.string(at: "kind")!) \($0.string(at: "metadata", "name")!)" }
            outline += "step \(step): \(names.joined(separator: ", "))\n"
        }
        try check("five-waves-outline.txt", outline)
        let works = try ManifestWorkPacker.works(plan: plan, prune: prune, progress: .init(step: 1), context: context)
        try check("five-waves-step1.yaml", try YAMLEmitter.emit(works))
        // The agent re-plans the final works and finds the same steps (the pruned manifest is gone).
        let final = try ManifestWorkPacker.works(plan: plan, prune: prune, progress: .init(step: plan.steps.count), context: context)
        let replanned = try SyncPlanner.plan(works: final)
        #expect(replanned.steps.map { $0.tasks.map(\.key) } == plan.steps.map { $0.tasks.map(\.key) })
        #expect(replanned.steps.map(\.label) == plan.steps.map(\.label))
    }
}
