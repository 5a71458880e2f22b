import KealmYAML

/// What names and labels the ManifestWorks of one Application on one cluster.
public struct WorkContext: Sendable {
    /// The Application's name: the ManifestWork's name (`<app>`, `<app>-2`, …).
    public var application: String
    /// The Application's namespace on the hub (recorded, not used for placement).
    public var applicationNamespace: String
    /// The managed cluster: the ManifestWork's namespace.
    public var cluster: String
    /// The revision the manifests were rendered from.
    public var revision: String
    /// The server-side apply field manager written in `manifestConfigs`.
    public var fieldManager: String
    /// The largest serialized ManifestWork, in bytes (500 KiB by default, under etcd's request limit).
    public var maxBytes: Int
    /// Kind → resource names for `manifestConfigs` and orphaning rules.
    public var namer: ResourceNamer

    public init(application: String, applicationNamespace: String = "", cluster: String, revision: String = "",
        fieldManager: String = "kealm", maxBytes: Int = 500 * 1024, namer: ResourceNamer = ResourceNamer())
    {
        self.application = application
        self.applicationNamespace = applicationNamespace
        self.cluster = cluster
        self.revision = revision
        self.fieldManager = fieldManager
        self.maxBytes = maxBytes
        self.namer = namer
    }
}

/// Packs a plan into ManifestWorks (`work.open-cluster-management.io/v1`) that grow step by step.
///
/// Each manifest is assigned to a part once, from the whole plan (so a manifest never moves
/// between works while the steps advance, which OCM would see as delete + create); the works
/// written for step `k` hold the manifests of steps `0...k`, plus pruned manifests whose prune
/// step is later than `k`. Step `plan.steps.count` is the final prune step (`PruneLast`).
public enum ManifestWorkPacker {
    /// Which optional content to include in a write.
    public struct Progress: Sendable {
        /// The last step written (0-based); `plan.steps.count` means "all steps and the final prune".
        public var step: Int
        /// Include the SyncFail hooks (after a failed sync).
        public var syncFailed: Bool
        /// Hook tasks (by `SyncTask.id`) already deleted under their delete policy: left out.
        public var finishedHooks: Set<String>

        public init(step: Int, syncFailed: Bool = false, finishedHooks: Set<String> = []) {
            self.step = step
            self.syncFailed = syncFailed
            self.finishedHooks = finishedHooks
        }
    }

    struct Entry {
        var key: ResourceKey
        var manifest: YAMLNode
        var config: YAMLNode
        var size: Int
        /// Included in a write at step k when `from <= k && k < until`.
        var from: Int
        var until: Int
        var hookID: String?
        var syncFail: Bool
    }

    /// The ManifestWorks for one step of a plan, in part order; each is a full object to apply on the
    /// hub. Parts keep their names (`<app>-3` is always the third part); a part with no manifest at
    /// this step is left out, so the caller deletes the Application's works not in the result.
    public static func works(plan: SyncPlan, prune: PrunePlan, progress: Progress, context: WorkContext) throws(PlanningError) -> [YAMLNode] {
        let entries = try self.entries(plan: plan, prune: prune, context: context)
        let orphans = orphanRules(plan: plan, prune: prune, namer: context.namer)
        let parts = try assign(entries, context: context, orphans: orphans)
        return parts.enumerated().compactMap { (i, part) in
            let included = part.filter { e in
                guard e.from <= progress.step && progress.step < e.until else { return false }
                if e.syncFail && !progress.syncFailed { return false }
                if let id = e.hookID, progress.finishedHooks.contains(id) { return false }
                return true
            }
            // OCM refuses a ManifestWork without manifests: a part with nothing to hold yet (or any
            // more) is not returned, and the caller deletes an existing work of that name.
            if included.isEmpty { return nil }
            return envelope(name: i == 0 ? context.application : "\(context.application)-\(i + 1)", part: i + 1, parts: parts.count,
                step: progress.step, steps: plan.steps.count, context: context, manifests: included, orphans: orphans)
        }
    }

    /// The manifests of the works for one step, in order, without the envelopes: what the agent applies.
    public static func manifests(plan: SyncPlan, prune: PrunePlan, progress: Progress, context: WorkContext) throws(PlanningError) -> [YAMLNode] {
        try works(plan: plan, prune: prune, progress: progress, context: context).flatMap {
            $0[path: ["spec", "workload", "manifests"]]?.items ?? []
        }
    }

    static func entries(plan: SyncPlan, prune: PrunePlan, context: WorkContext) throws(PlanningError) -> [Entry] {
        var out: [Entry] = []
        var keys: Set<ResourceKey> = []
        let final = plan.steps.count
        // A hook named in several phases is one object on the cluster: it is written once, from its first phase.
        func add(_ key: ResourceKey, _ manifest: YAMLNode, _ options: SyncOptions, from: Int, until: Int, hookID: String?, syncFail: Bool) {
            guard keys.insert(key).inserted else { return }
            let config = manifestConfig(key, options: options, context: context)
            out.append(Entry(key: key, manifest: manifest, config: config, size: JSON.encode(manifest).utf8.count + JSON.encode(config).utf8.count + 2,
                from: from, until: until, hookID: hookID, syncFail: syncFail))
        }
        for step in plan.steps {
            for t in step.tasks {
                add(t.key, Tracking.annotate(t, app: context.application, appNamespace: context.applicationNamespace), t.options,
                    from: step.index, until: Int.max, hookID: t.hook.isHook ? t.id : nil, syncFail: false)
            }
        }
        for step in plan.syncFailSteps {
            for t in step.tasks {
                add(t.key, Tracking.annotate(t, app: context.application, appNamespace: context.applicationNamespace), t.options,
                    from: 0, until: Int.max, hookID: t.id, syncFail: true)
            }
        }
        for item in prune.items {
            guard let manifest = item.entry.manifest else { continue }
            let until: Int
            switch item.timing {
            case .orphan: continue
            case .atStep(let s): until = s
            case .last: until = final
            }
            add(item.entry.key, manifest, item.entry.options, from: 0, until: until, hookID: nil, syncFail: false)
        }
        return out
    }

    static func manifestConfig(_ key: ResourceKey, options: SyncOptions, context: WorkContext) -> YAMLNode {
        var id: [YAMLPair] = [YAMLPair("group", .string(key.group)), YAMLPair("resource", .string(context.namer.resource(for: key.groupKind)))]
        if !key.namespace.isEmpty { id.append(YAMLPair("namespace", .string(key.namespace))) }
        id.append(YAMLPair("name", .string(key.name)))
        let strategy: YAMLNode =
            options.replace || options.serverSideApply == false
            ? .mapping([YAMLPair("type", .string("Update"))])
            : .mapping([
                YAMLPair("type", .string("ServerSideApply")),
                YAMLPair("serverSideApply", .mapping([YAMLPair("fieldManager", .string(context.fieldManager)), YAMLPair("force", .bool(true))])),
            ])
        return .mapping([YAMLPair("resourceIdentifier", .mapping(id)), YAMLPair("updateStrategy", strategy)])
    }

    /// Orphaning rules: desired resources with `Prune=false` or `Delete=false`, and pruned ones kept on the cluster.
    static func orphanRules(plan: SyncPlan, prune: PrunePlan, namer: ResourceNamer) -> [YAMLNode] {
        var keys: [ResourceKey] = []
        for t in plan.tasks where !t.hook.isHook && (t.options.prune != .yes || t.options.delete != .yes) { keys.append(t.key) }
        keys += prune.orphaned
        var seen: Set<ResourceKey> = []
        return keys.filter { seen.insert($0).inserted }.map { k in
            var rule = [YAMLPair("group", .string(k.group)), YAMLPair("resource", .string(namer.resource(for: k.groupKind)))]
            if !k.namespace.isEmpty { rule.append(YAMLPair("namespace", .string(k.namespace))) }
            rule.append(YAMLPair("name", .string(k.name)))
            return .mapping(rule)
        }
    }

    /// Greedy, order-keeping assignment of entries to parts under the size limit.
    static func assign(_ entries: [Entry], context: WorkContext, orphans: [YAMLNode]) throws(PlanningError) -> [[Entry]] {
        let overhead = JSON.encode(envelope(name: "\(context.application)-99", part: 99, parts: 99, step: 999, steps: 999,
            context: context, manifests: [], orphans: orphans)).utf8.count
        let budget = context.maxBytes - overhead
        var parts: [[Entry]] = [[]]
        var used = 0
        for e in entries {
            if e.size > budget {
                throw PlanningError(.tooLarge, "manifest is \(e.size) bytes; a ManifestWork holds at most \(context.maxBytes) bytes",
                    object: e.key.description, hint: "split the object (e.g. a large ConfigMap) into smaller ones")
            }
            if used + e.size > budget && !parts[parts.count - 1].isEmpty {
                parts.append([])
                used = 0
            }
            parts[parts.count - 1].append(e)
            used += e.size
        }
        return parts
    }

    static func envelope(name: String, part: Int, parts: Int, step: Int, steps: Int, context: WorkContext, manifests: [Entry],
        orphans: [YAMLNode]) -> YAMLNode
    {
        var annotations: [YAMLPair] = [
            YAMLPair(Tracking.applicationAnnotation, .string(context.applicationNamespace.isEmpty ? context.application : "\(context.applicationNamespace)/\(context.application)")),
            YAMLPair(Tracking.stepAnnotation, .string(String(step))),
            YAMLPair(Tracking.stepsAnnotation, .string(String(steps))),
        ]
        if !context.revision.isEmpty { annotations.append(YAMLPair(Tracking.revisionAnnotation, .string(context.revision))) }
        if parts > 1 { annotations.append(YAMLPair(Tracking.partAnnotation, .string("\(part)/\(parts)"))) }
        var deleteOption: [YAMLPair] = [YAMLPair("propagationPolicy", .string(orphans.isEmpty ? "Foreground" : "SelectivelyOrphan"))]
        if !orphans.isEmpty { deleteOption.append(YAMLPair("selectivelyOrphans", .mapping([YAMLPair("orphaningRules", .sequence(orphans))]))) }
        return .mapping([
            YAMLPair("apiVersion", .string("work.open-cluster-management.io/v1")),
            YAMLPair("kind", .string("ManifestWork")),
            YAMLPair("metadata", .mapping([
                YAMLPair("name", .string(name)), YAMLPair("namespace", .string(context.cluster)),
                YAMLPair("labels", .mapping([YAMLPair(Tracking.applicationLabel, .string(context.application))])),
                YAMLPair("annotations", .mapping(annotations)),
            ])),
            YAMLPair("spec", .mapping([
                YAMLPair("workload", .mapping([YAMLPair("manifests", .sequence(manifests.map(\.manifest)))])),
                YAMLPair("deleteOption", .mapping(deleteOption)),
                YAMLPair("manifestConfigs", .sequence(manifests.map(\.config))),
            ])),
        ])
    }
}
