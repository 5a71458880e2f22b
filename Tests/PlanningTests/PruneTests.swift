import KealmYAML
import Planning
import Testing

@Suite struct PruneTests {
    func plan() throws -> SyncPlan {
        try SyncPlanner.plan([
            manifest("ConfigMap", "kept", ns: "n"),
            manifest("Deployment", "web", ns: "n", annotations: ["argocd.argoproj.io/sync-wave": "3"]),
            manifest("Job", "hook", ns: "n", annotations: ["argocd.argoproj.io/hook": "PostSync"]),
        ])
    }

    @Test func pruneSetIsInventoryMinusDesired() throws {
        let inventory = [
            InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "n", name: "kept")),
            InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "n", name: "gone"), wave: 1),
            InventoryEntry(key: ResourceKey(group: "apps", kind: "Deployment", namespace: "n", name: "web")),  // desired: not pruned
            InventoryEntry(key: ResourceKey(group: "", kind: "Secret", namespace: "n", name: "keep-me"), options: try SyncOptions(parsing: "Prune=false")),
            InventoryEntry(key: ResourceKey(group: "", kind: "Service", namespace: "n", name: "late"), options: try SyncOptions(parsing: "PruneLast=true")),
            InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "n", name: "old-wave-9"), wave: 9),
            InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "n", name: "early"), wave: -4),
        ]
        let prune = PrunePlan.plan(inventory: inventory, desired: try plan())
        let timing = Dictionary(uniqueKeysWithValues: prune.items.map { ($0.entry.key.name, $0.timing) })
        #expect(timing == ["gone": .atStep(1), "keep-me": .orphan, "late": .last, "old-wave-9": .last, "early": .atStep(0)])
        #expect(prune.orphaned.map(\.name) == ["keep-me"])
        #expect(Set(prune.toDelete.map(\.name)) == ["gone", "late", "old-wave-9", "early"])
    }

    @Test func inventoryIsReadFromPreviousManifests() throws {
        let m = manifest("ConfigMap", "c", ns: "n", annotations: ["kealm.io/sync-wave": "4", "argocd.argoproj.io/sync-options": "PruneLast=true"])
        let e = try #require(InventoryEntry(manifest: m))
        #expect(e.wave == 4 && e.options.pruneLast && e.key.name == "c")
        #expect(InventoryEntry(manifest: manifest("Job", "h", ns: "n", annotations: ["argocd.argoproj.io/hook": "PreSync"])) == nil)
        let badOptions = manifest("ConfigMap", "c", ns: "n", annotations: ["argocd.argoproj.io/sync-options": "Nonsense"])
        #expect(InventoryEntry(manifest: badOptions)?.options == SyncOptions())
    }

    @Test func anEmptyRenderWouldPruneEverything() throws {
        let inventory = [InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "n", name: "a"))]
        #expect(PrunePlan.plan(inventory: inventory, desired: try SyncPlanner.plan([])).prunesEverything)
        #expect(!PrunePlan.plan(inventory: inventory, desired: try plan()).prunesEverything)
        #expect(!PrunePlan.plan(inventory: [], desired: try SyncPlanner.plan([])).prunesEverything)
    }
}
