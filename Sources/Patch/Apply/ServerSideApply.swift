import KealmModel
import KealmYAML

/// Server-side apply and field ownership (`metadata.managedFields`), as the Kubernetes API server
/// keeps them.
///
/// `apply` merges an applied configuration into the live object, records that the manager owns
/// exactly the fields it applied, removes fields it applied before but no longer applies (unless
/// another manager owns them too), and refuses, with `ApplyConflict`, to change a value another
/// manager owns unless `force` (which takes the field over). `recordUpdate` does the bookkeeping
/// for every other write (create, update, patch): the writer owns what it added or changed.
/// Time stamps are parameters: this code reads no clock.
public enum ServerSideApply {
    /// The result of a write: the new object (with `metadata.managedFields` set) and its entries.
    public struct Result: Sendable {
        /// The written object, `metadata.managedFields` included.
        public var object: YAMLNode
        /// Its managed-fields entries.
        public var managedFields: [ManagedFieldsEntry]
    }

    /// Which part of an object a write may change, for kinds with a `status` subresource.
    public enum Scope: Sendable, Hashable {
        /// The whole object (kinds without a status subresource).
        case object
        /// The main resource of a kind with a status subresource: `status` in the configuration is ignored.
        case mainResource
        /// The `status` subresource: only `status` in the configuration is applied.
        case statusSubresource

        /// The configuration with the fields this scope may not change removed.
        func restrict(_ config: YAMLNode) -> YAMLNode {
            guard case .mapping(let pairs) = config else { return config }
            switch self {
            case .object: return config
            case .mainResource: return .mapping(pairs.filter { $0.key.value != "status" })
            case .statusSubresource:
                var out: [YAMLPair] = []
                for p in pairs {
                    switch p.key.value {
                    case "apiVersion", "kind", "status": out.append(p)
                    case "metadata":
                        let identity = (p.value.pairs ?? []).filter { $0.key.value == "name" || $0.key.value == "namespace" }
                        out.append(YAMLPair(key: p.key, value: .mapping(identity)))
                    default: break
                    }
                }
                return .mapping(out)
            }
        }
    }

    /// Applies `config` for `manager`. `live` is nil when the object does not exist yet.
    /// `managedFields` defaults to the live object's own entries. `scope` drops the parts of the
    /// configuration the endpoint may not change (`status` on the main resource of a kind with a
    /// status subresource, everything but `status` on that subresource).
    public static func apply(
        config: YAMLNode, to live: YAMLNode?, manager: String, managedFields: [ManagedFieldsEntry]? = nil, force: Bool,
        schema: PatchSchema, gvk: GVK, time: String, subresource: String? = nil, scope: Scope = .object
    ) throws -> Result {
        let config = scope.restrict(config)
        if config[path: ["metadata", "managedFields"]] != nil {
            throw PatchError(.invalidPatch, "an applied configuration must not set metadata.managedFields", path: "metadata.managedFields")
        }
        let liveObject = live.map { ManagedFieldsEntry.setting([], on: $0) }
        var entries = try managedFields ?? live.map(ManagedFieldsEntry.entries(of:)) ?? []
        let root = schema.root(for: gvk)
        let liveFields = ObjectFields(of: liveObject ?? .mapping([]), schema: schema, gvk: gvk)
        if entries.isEmpty, liveObject != nil, !liveFields.set.isEmpty {
            entries.append(ManagedFieldsEntry(
                manager: "before-first-apply", operation: .update, apiVersion: gvk.apiVersion, time: time, fields: liveFields.set))
        }
        let slot = entries.firstIndex { $0.isSlot(manager: manager, operation: .apply, subresource: subresource) }
        let lastSet = slot.map { entries[$0].fields } ?? FieldSet()
        let newSet = ObjectFields(of: config, schema: schema, gvk: gvk).set
        var merged = StructuredMerge(schema: schema).merge(liveObject, config, root) ?? .mapping([])

        // Prune what this manager applied before and nobody applies or owns now.
        let others = entries.enumerated().filter { $0.offset != slot }.reduce(FieldSet()) { $0.union($1.element.fields) }
        let owned = newSet.union(others)
        let ownedPrefixes = owned.prefixes
        var removed = Set<FieldPath>()
        for p in lastSet.sorted
        where !ownedPrefixes.contains(p) && !p.isKeyFieldOfItem && !removed.contains(where: { p.hasPrefix($0) }) {
            merged = FieldRemoval(schema: schema) { owned.contains(p.prefix($0)) }.remove(p.elements[...], from: merged, root)
            removed.insert(p)
        }

        let diff = FieldDiff(old: liveFields, new: ObjectFields(of: merged, schema: schema, gvk: gvk))
        var conflicts: [ApplyConflict.Conflict] = []
        for (i, e) in entries.enumerated() where i != slot {
            for p in e.fields.intersection(diff.changed).sorted {
                conflicts.append(.init(manager: e.manager, path: p, operation: e.operation, apiVersion: e.apiVersion, subresource: e.subresource))
            }
        }
        if !conflicts.isEmpty && !force { throw ApplyConflict(conflicts: conflicts) }
        for i in entries.indices where i != slot {
            entries[i].fields = entries[i].fields.subtracting(diff.changed).subtracting(diff.removed)
        }
        let mine = ManagedFieldsEntry(
            manager: manager, operation: .apply, apiVersion: gvk.apiVersion, time: time, subresource: subresource, fields: newSet)
        if let slot {
            let unchanged = entries[slot].fields == newSet && diff.isEmpty
            entries[slot] = unchanged ? entries[slot] : mine
        } else {
            entries.append(mine)
        }
        entries.removeAll { $0.fields.isEmpty }
        return Result(object: ManagedFieldsEntry.setting(entries, on: merged), managedFields: entries)
    }

    /// Records a non-apply write (create, update, patch) of `new` over `old` by `manager`: it owns
    /// the fields it added or changed; fields it removed are no longer owned by anyone; other
    /// managers lose the fields it changed. Returns `new` with its `metadata.managedFields` set.
    public static func recordUpdate(
        old: YAMLNode?, new: YAMLNode, manager: String, managedFields: [ManagedFieldsEntry]? = nil, schema: PatchSchema, gvk: GVK,
        time: String, subresource: String? = nil
    ) throws -> Result {
        var entries = try managedFields ?? old.map(ManagedFieldsEntry.entries(of:)) ?? []
        let newObject = ManagedFieldsEntry.setting([], on: new)
        let oldFields = ObjectFields(of: old.map { ManagedFieldsEntry.setting([], on: $0) } ?? .mapping([]), schema: schema, gvk: gvk)
        let diff = FieldDiff(old: oldFields, new: ObjectFields(of: newObject, schema: schema, gvk: gvk))
        let slot = entries.firstIndex { $0.isSlot(manager: manager, operation: .update, subresource: subresource) }
        for i in entries.indices where i != slot {
            entries[i].fields = entries[i].fields.subtracting(diff.changed).subtracting(diff.removed)
        }
        if !diff.isEmpty || slot == nil {
            let prior = slot.map { entries[$0].fields } ?? FieldSet()
            let mine = ManagedFieldsEntry(
                manager: manager, operation: .update, apiVersion: gvk.apiVersion, time: time, subresource: subresource,
                fields: prior.union(diff.changed).subtracting(diff.removed))
            if let slot { entries[slot] = mine } else { entries.append(mine) }
        }
        entries.removeAll { $0.fields.isEmpty }
        return Result(object: ManagedFieldsEntry.setting(entries, on: newObject), managedFields: entries)
    }
}

/// How two objects' fields differ: added or changed paths, and removed paths.
public struct FieldDiff: Sendable {
    /// Paths that are new, or leaves whose value changed.
    public var changed: FieldSet
    /// Paths that are gone.
    public var removed: FieldSet

    /// True when the two objects have the same owned fields and values.
    public var isEmpty: Bool { changed.isEmpty && removed.isEmpty }

    public init(old: ObjectFields, new: ObjectFields) {
        let o = old.set
        let n = new.set
        var changed = n.subtracting(o)
        for (p, v) in new.leaves { if let ov = old.leaves[p], !JSONPatch.equal(ov, v) { changed.paths.insert(p) } }
        self.changed = changed
        removed = o.subtracting(n)
    }
}

extension ServerSideApply {
    /// What applying `config` (forcing) would change on `live`: the drift of the fields the
    /// configuration sets. Fields only the live object has (defaults, other managers' fields) are
    /// not drift; a changed or missing applied field is. Empty when `live` is in sync.
    public static func changes(
        config: YAMLNode, live: YAMLNode, manager: String, schema: PatchSchema, gvk: GVK
    ) throws -> FieldDiff {
        let liveClean = ManagedFieldsEntry.setting([], on: live)
        let result = try apply(config: config, to: live, manager: manager, force: true, schema: schema, gvk: gvk, time: "")
        let after = ManagedFieldsEntry.setting([], on: result.object)
        return FieldDiff(old: ObjectFields(of: liveClean, schema: schema, gvk: gvk), new: ObjectFields(of: after, schema: schema, gvk: gvk))
    }
}
