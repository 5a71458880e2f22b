import KealmYAML

extension ServerMerge {
    /// Merges a patch list into a list whose field has the `merge` strategy (or a
    /// `$deleteFromPrimitiveList` list).
    func mergeList(_ original: [YAMLNode], _ patch: [YAMLNode], _ field: FieldSchema, isDeleteList: Bool, _ path: [String]) throws -> [YAMLNode] {
        if original.isEmpty && patch.isEmpty { return original }
        let all = original + patch
        if all.contains(where: { $0.items != nil }) { throw PatchError.invalid("lists of lists cannot be merged", at: path) }
        let isMaps = all.contains { $0.pairs != nil }
        if isMaps && all.contains(where: { $0.pairs == nil }) {
            throw PatchError.invalid("list items are not all of the same type", at: path)
        }
        if !isMaps {
            if isDeleteList {
                let drop = Set(patch.map { Self.identity($0, nil) })
                return original.filter { !drop.contains(Self.identity($0, nil)) }
            }
            var seen = Set<String>()
            var merged: [YAMLNode] = []
            for v in all where seen.insert(Self.identity(v, nil)).inserted { merged.append(v) }
            let inPatch = Set(patch.map { Self.identity($0, nil) })
            return Self.normalizeOrder(
                merged.filter { inPatch.contains(Self.identity($0, nil)) },
                merged.filter { !inPatch.contains(Self.identity($0, nil)) }, patch, original, nil)
        }
        guard let mk = field.mergeKey else {
            throw PatchError.invalid("cannot merge a list of maps without a merge key (the schema gives none)", at: path)
        }
        var original = original
        var plain: [YAMLNode] = []
        var replace = false
        for item in patch {
            guard let d = item["$patch"] else {
                plain.append(item)
                continue
            }
            switch d.string {
            case "delete":
                guard let kv = item[mk] else { throw PatchError.invalid("a $patch: delete item has no merge key \(mk)", at: path) }
                let id = Self.identity(kv, nil)
                original.removeAll { $0[mk].map { Self.identity($0, nil) } == id }
            case "replace":
                replace = true
            case "merge":
                throw PatchError.invalid("$patch: merge is not supported in lists", at: path)
            default:
                throw PatchError.invalid("unknown $patch directive '\(d.string ?? "")' in a list", at: path)
            }
        }
        var patchItems = plain
        if replace {
            original = plain.compactMap { Self.removeDirectives($0) }
            patchItems = []
        }
        var merged = original
        for item in patchItems {
            guard let kv = item[mk] else { throw PatchError.invalid("a list item has no merge key \(mk)", at: path) }
            let id = Self.identity(kv, nil)
            let label = path + ["[\(mk)=\(kv.string ?? "")]"]
            if let i = merged.firstIndex(where: { $0[mk].map { Self.identity($0, nil) } == id }) {
                let m = try mergeMap(merged[i].pairs ?? [], item.pairs ?? [], schema.element(field), label)
                merged[i] = .mapping(m ?? [])
            } else if let v = Self.removeDirectives(item) {
                merged.append(v)
            }
        }
        let inPatch = Set(patchItems.map { Self.identity($0, mk) })
        for m in merged where m[mk] == nil { throw PatchError.invalid("a list item has no merge key \(mk)", at: path) }
        return Self.normalizeOrder(
            merged.filter { inPatch.contains(Self.identity($0, mk)) },
            merged.filter { !inPatch.contains(Self.identity($0, mk)) }, patchItems, original, mk)
    }

    /// The identity of a list item: its merge key's value, or the scalar itself, as typed JSON.
    static func identity(_ node: YAMLNode, _ mergeKey: String?) -> String {
        if let mergeKey { return node[mergeKey].map { JSON.encode($0) } ?? "" }
        return JSON.encode(node)
    }

    /// Orders patch items as in the patch and the object's other items as in the object, then
    /// interleaves them by their positions in the object.
    static func normalizeOrder(_ patchItems: [YAMLNode], _ serverOnly: [YAMLNode], _ patchOrder: [YAMLNode], _ serverOrder: [YAMLNode], _ mk: String?) -> [YAMLNode] {
        func indexer(_ list: [YAMLNode]) -> [String: Int] {
            var d: [String: Int] = [:]
            for (i, v) in list.enumerated() where d[identity(v, mk)] == nil { d[identity(v, mk)] = i }
            return d
        }
        func sorted(_ items: [YAMLNode], by order: [String: Int]) -> [YAMLNode] {
            let known = items.filter { order[identity($0, mk)] != nil }.sorted { order[identity($0, mk)]! < order[identity($1, mk)]! }
            var it = known.makeIterator()
            return items.map { order[identity($0, mk)] != nil ? it.next()! : $0 }
        }
        let serverIndex = indexer(serverOrder)
        let right = sorted(patchItems, by: indexer(patchOrder))
        let left = sorted(serverOnly, by: serverIndex)
        var out: [YAMLNode] = []
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                out.append(right[j]); j += 1
            } else if j >= right.count {
                out.append(left[i]); i += 1
            } else if let li = serverIndex[identity(left[i], mk)], let ri = serverIndex[identity(right[j], mk)], li < ri {
                out.append(left[i]); i += 1
            } else {
                out.append(right[j]); j += 1
            }
        }
        return out
    }

    /// Drops maps that carry `$patch` and strips other directive keys; nil when the node itself goes.
    static func removeDirectives(_ node: YAMLNode) -> YAMLNode? {
        switch node {
        case .mapping(let pairs):
            if pairs.contains(where: { $0.key.value == "$patch" }) { return nil }
            var out: [YAMLPair] = []
            for p in pairs where !p.key.value.hasPrefix("$setElementOrder/") && !p.key.value.hasPrefix("$deleteFromPrimitiveList/")
                && p.key.value != "$retainKeys"
            {
                if let v = removeDirectives(p.value) { out.append(YAMLPair(key: p.key, value: v)) }
            }
            return .mapping(out)
        case .sequence(let items):
            return .sequence(items.compactMap(removeDirectives))
        case .scalar:
            return node
        }
    }

    /// Drops null-valued keys of maps, recursively (the server ignores unmatched nulls).
    static func discardNulls(_ node: YAMLNode) -> YAMLNode {
        switch node {
        case .mapping(let pairs):
            return .mapping(pairs.filter { !$0.value.isNull }.map { YAMLPair(key: $0.key, value: discardNulls($0.value)) })
        case .sequence(let items):
            return .sequence(items.map(discardNulls))
        case .scalar:
            return node
        }
    }
}
