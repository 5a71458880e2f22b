import KealmYAML

/// Strategic merge as the Kubernetes API server applies `application/strategic-merge-patch+json`
/// (apimachinery's `strategicpatch`): maps merge, `null` deletes, lists with a `merge` strategy
/// merge by the single `x-kubernetes-patch-merge-key` (scalars as a union), other lists and
/// `replace`-strategy maps are replaced; `$patch: replace|delete` on maps, `$patch: delete|replace`
/// items in lists, `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`
/// are honoured. Merged lists keep the patch's relative order and put the object's other items
/// where they stood relative to them.
struct ServerMerge {
    let schema: PatchSchema

    static let setOrderPrefix = "$setElementOrder/"
    static let deletePrimitivePrefix = "$deleteFromPrimitiveList/"

    /// Merges two maps; nil when the patch says `$patch: delete`.
    func mergeMap(_ original: [YAMLPair], _ patch: [YAMLPair], _ field: FieldSchema, _ path: [String]) throws -> [YAMLPair]? {
        var patch = patch
        if let d = value(patch, "$patch") {
            switch d.string {
            case "replace":
                patch.removeAll { $0.key.value == "$patch" }
                return Self.removeDirectives(.mapping(patch))?.pairs ?? []
            case "delete":
                return nil
            default:
                throw PatchError.invalid("unknown $patch directive '\(d.string ?? "")' on a map (use replace or delete)", at: path)
            }
        }
        var original = original
        if let retain = value(patch, "$retainKeys") {
            patch.removeAll { $0.key.value == "$retainKeys" }
            guard let list = retain.items else { throw PatchError.invalid("$retainKeys must be a list of field names", at: path) }
            let keep = Set(list.compactMap(\.string))
            for p in patch where !p.value.isNull && !p.key.value.hasPrefix("$") && !keep.contains(p.key.value) {
                throw PatchError.invalid("field \(p.key.value) is in the patch but not in its $retainKeys list", at: path)
            }
            original.removeAll { !keep.contains($0.key.value) }
        }
        try applySetElementOrder(&original, &patch, field, path)
        for p in patch {
            var key = p.key.value
            var isDeleteList = false
            if key.hasPrefix(Self.deletePrimitivePrefix) {
                key = String(key.dropFirst(Self.deletePrimitivePrefix.count))
                isDeleteList = true
            }
            let childPath = path + [key]
            if p.value.isNull {
                original.removeAll { $0.key.value == key }
                continue
            }
            guard let i = original.firstIndex(where: { $0.key.value == key }) else {
                if !isDeleteList, let v = Self.removeDirectives(Self.discardNulls(p.value)) {
                    original.append(YAMLPair(key: YAMLScalar(key), value: v))
                }
                continue
            }
            let child = schema.child(field, key)
            switch (original[i].value, p.value) {
            case (.mapping(let o), .mapping(let pm)):
                if child.replaceStrategy {
                    original[i].value = p.value
                } else if let m = try mergeMap(o, pm, child, childPath) {
                    original[i].value = .mapping(m)
                } else {
                    original[i].value = .mapping([])
                }
            case (.sequence(let o), .sequence(let pl)):
                if child.mergeStrategy || isDeleteList {
                    original[i].value = .sequence(try mergeList(o, pl, child, isDeleteList: isDeleteList, childPath))
                } else {
                    original[i].value = p.value
                }
            default:
                if isDeleteList { continue }
                if let v = Self.removeDirectives(Self.discardNulls(p.value)) {
                    original[i].value = v
                } else {
                    original.remove(at: i)
                }
            }
        }
        return original
    }

    private func value(_ pairs: [YAMLPair], _ key: String) -> YAMLNode? {
        pairs.first { $0.key.value == key }?.value
    }

    /// Processes `$setElementOrder/<field>` entries (and their lists) before the other fields.
    private func applySetElementOrder(_ original: inout [YAMLPair], _ patch: inout [YAMLPair], _ field: FieldSchema, _ path: [String]) throws {
        for p in patch where p.key.value.hasPrefix(Self.setOrderPrefix) {
            patch.removeAll { $0.key.value == p.key.value }
            let key = String(p.key.value.dropFirst(Self.setOrderPrefix.count))
            guard let order = p.value.items else { throw PatchError.invalid("\(p.key.value) must be a list", at: path) }
            let child = schema.child(field, key)
            let origList = value(original, key)?.items
            let patchList = value(patch, key)?.items
            var merged: [YAMLNode]
            switch (origList, patchList) {
            case (let o?, nil): merged = o
            case (nil, let pl?): merged = Self.removeDirectives(.sequence(pl))?.items ?? []
            case (let o?, let pl?):
                merged = child.mergeStrategy ? try mergeList(o, pl, child, isDeleteList: false, path + [key]) : pl
            case (nil, nil): continue
            }
            let mk = child.mergeKey
            let inOrder = Set(order.map { Self.identity($0, mk) })
            let patchItems = merged.filter { inOrder.contains(Self.identity($0, mk)) }
            let serverOnly = merged.filter { !inOrder.contains(Self.identity($0, mk)) }
            merged = Self.normalizeOrder(patchItems, serverOnly, order, origList ?? [], mk)
            patch.removeAll { $0.key.value == key }
            if let i = original.firstIndex(where: { $0.key.value == key }) {
                original[i].value = .sequence(merged)
            } else {
                original.append(YAMLPair(key: YAMLScalar(key), value: .sequence(merged)))
            }
        }
    }
}
