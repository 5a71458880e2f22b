import KealmYAML

/// One resource Kealm applied last time (read from the previous ManifestWorks): the input of pruning.
public struct InventoryEntry: Sendable, Hashable {
    public var key: ResourceKey
    /// The wave it was applied in (its `kealm.io/sync-wave`, or its declared wave).
    public var wave: Int
    /// Its sync options as last applied (`Prune=false`, `PruneLast=true` matter here).
    public var options: SyncOptions
    /// The manifest as last applied, kept in the ManifestWork until its prune step; nil when unknown.
    public var manifest: YAMLNode?

    public init(key: ResourceKey, wave: Int = 0, options: SyncOptions = SyncOptions(), manifest: YAMLNode? = nil) {
        self.key = key
        self.wave = wave
        self.options = options
        self.manifest = manifest
    }

    /// Reads an entry from a manifest of a previous ManifestWork (hooks are not inventory: nil).
    /// Unreadable annotations fall back to defaults: an old, bad annotation must not block a prune.
    public init?(manifest: YAMLNode) {
        guard let key = ResourceKey(object: manifest) else { return nil }
        let a = manifest.annotations
        if a[HookSpec.hookAnnotation] != nil || a[Tracking.phaseAnnotation].map({ $0 != SyncPhase.sync.rawValue }) == true { return nil }
        let waveText = a[Tracking.waveAnnotation] ?? a[SyncPlanner.waveAnnotation] ?? "0"
        self.init(key: key, wave: Int(waveText.trimmingCharacters(in: " ")) ?? 0,
            options: (try? SyncOptions(parsing: a[SyncOptions.annotation] ?? "")) ?? SyncOptions(), manifest: manifest)
    }
}

/// When a resource that left Git is removed from the ManifestWork.
public enum PruneTiming: Sendable, Hashable {
    /// Removed when the plan's step with this index is written (the first step whose wave is at
    /// least the resource's wave; a plan with no such step prunes it with `.last`).
    case atStep(Int)
    /// Removed after every step is done (`PruneLast=true`).
    case last
    /// Never deleted: dropped from the ManifestWork under an orphaning rule (`Prune=false`).
    case orphan
}

/// One resource to prune.
public struct PruneItem: Sendable, Hashable {
    public var entry: InventoryEntry
    public var timing: PruneTiming

    public init(entry: InventoryEntry, timing: PruneTiming) {
        self.entry = entry
        self.timing = timing
    }
}

/// The prune set of a sync: last applied inventory minus desired, each with its timing.
public struct PrunePlan: Sendable, Hashable {
    public var items: [PruneItem]
    /// True when nothing is desired any more and something would be deleted: the case
    /// `syncPolicy.automated.allowEmpty: false` must refuse (an empty render is more often a
    /// mistake than an intent).
    public var prunesEverything: Bool

    /// A prune plan with these items (`PrunePlan(items: [])` prunes nothing).
    public init(items: [PruneItem], prunesEverything: Bool = false) {
        self.items = items
        self.prunesEverything = prunesEverything
    }

    /// Resources to delete from the cluster (everything but orphans), in key order.
    public var toDelete: [ResourceKey] { items.filter { $0.timing != .orphan }.map(\.entry.key) }
    /// Resources kept on the cluster though they left Git.
    public var orphaned: [ResourceKey] { items.filter { $0.timing == .orphan }.map(\.entry.key) }

    /// Plans pruning: every inventory key not desired is pruned at the step of its wave, last when
    /// it says `PruneLast=true`, or orphaned when it says `Prune=false` (or `Prune=confirm`, which
    /// Kealm treats as "not without a person": orphaned until a later sync confirms).
    public static func plan(inventory: [InventoryEntry], desired plan: SyncPlan) -> PrunePlan {
        let desired = plan.desiredKeys
        let syncSteps = plan.steps.filter { $0.phase == .sync }
        var items: [PruneItem] = []
        var seen: Set<ResourceKey> = []
        for entry in inventory.sorted(by: { $0.key < $1.key }) where !desired.contains(entry.key) && seen.insert(entry.key).inserted {
            let timing: PruneTiming
            if entry.options.prune != .yes {
                timing = .orphan
            } else if entry.options.pruneLast {
                timing = .last
            } else if let step = syncSteps.first(where: { $0.wave >= entry.wave }) {
                timing = .atStep(step.index)
            } else {
                timing = .last
            }
            items.append(PruneItem(entry: entry, timing: timing))
        }
        return PrunePlan(items: items, prunesEverything: desired.isEmpty && items.contains { $0.timing != .orphan })
    }
}
