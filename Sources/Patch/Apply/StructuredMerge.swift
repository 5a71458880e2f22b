import KealmYAML

/// Merges an applied configuration into a live object the way server-side apply does: maps merge
/// key by key, associative lists merge item by item (by their list-map keys) keeping both orders,
/// set lists are unioned, and atomic lists and maps are replaced. A `null` in the configuration
/// removes the field.
struct StructuredMerge {
    let schema: PatchSchema

    func merge(_ live: YAMLNode?, _ config: YAMLNode, _ field: FieldSchema) -> YAMLNode? {
        if config.isNull { return nil }
        guard let live, !live.isNull else { return Self.dropNulls(config) }
        switch (live, config) {
        case (.mapping(let l), .mapping(let c)) where !schema.isAtomicObject(field):
            var out = l
            for p in c {
                let child = schema.child(field, p.key.value)
                let i = out.firstIndex { $0.key.value == p.key.value }
                let merged = merge(i.map { out[$0].value }, p.value, child)
                switch (i, merged) {
                case (let i?, let m?): out[i].value = m
                case (let i?, nil): out.remove(at: i)
                case (nil, let m?): out.append(YAMLPair(key: p.key, value: m))
                case (nil, nil): break
                }
            }
            return .mapping(out)
        case (.sequence(let l), .sequence(let c)) where field.listType != .atomic:
            let elem = schema.element(field)
            let id: (YAMLNode) -> PathElement? = { item in
                field.listType == .set ? .value(JSON.encode(item)) : ObjectFields.itemElement(item, field)
            }
            let lIDs = l.map(id)
            let cIDs = c.map(id)
            if lIDs.contains(where: { $0 == nil }) || cIDs.contains(where: { $0 == nil }) { return config }
            return .sequence(orderedMerge(l, lIDs.map { $0! }, c, cIDs.map { $0! }) { merge($0, $1, elem) })
        default:
            return Self.dropNulls(config)
        }
    }

    /// Merges two keyed lists keeping the live order for live items and the configuration's
    /// order for the items both have (structured-merge-diff's ordering).
    func orderedMerge(
        _ lhs: [YAMLNode], _ lhsIDs: [PathElement], _ rhs: [YAMLNode], _ rhsIDs: [PathElement],
        _ mergeItem: (YAMLNode?, YAMLNode) -> YAMLNode?
    ) -> [YAMLNode] {
        var lhsByID: [PathElement: YAMLNode] = [:]
        for (id, v) in zip(lhsIDs, lhs) where lhsByID[id] == nil { lhsByID[id] = v }
        var rhsByID: [PathElement: YAMLNode] = [:]
        for (id, v) in zip(rhsIDs, rhs) where rhsByID[id] == nil { rhsByID[id] = v }
        var shared = rhsIDs.filter { lhsByID[$0] != nil }[...]
        var nextShared = shared.popFirst()
        var merged = Set<PathElement>()
        var out: [YAMLNode] = []
        var (li, ri) = (0, 0)
        func emit(_ v: YAMLNode?) { if let v { out.append(v) } }
        while li < lhs.count || ri < rhs.count {
            if li < lhs.count && ri < rhs.count {
                let pe = lhsIDs[li]
                if pe == rhsIDs[ri] {
                    if merged.insert(pe).inserted { emit(mergeItem(lhsByID[pe], rhsByID[pe]!)) }
                    li += 1
                    ri += 1
                    nextShared = shared.popFirst()
                    continue
                }
                if rhsByID[pe] != nil, let ns = nextShared, ns != pe {
                    li += 1
                    continue
                }
            }
            if li < lhs.count {
                let pe = lhsIDs[li]
                if rhsByID[pe] == nil {
                    out.append(lhs[li])
                    li += 1
                    continue
                } else if merged.contains(pe) {
                    li += 1
                    continue
                }
            }
            if ri < rhs.count {
                let pe = rhsIDs[ri]
                if merged.insert(pe).inserted { emit(mergeItem(lhsByID[pe], rhsByID[pe]!)) }
                ri += 1
                if nextShared == pe { nextShared = shared.popFirst() }
            }
        }
        return out
    }

    static func dropNulls(_ node: YAMLNode) -> YAMLNode {
        switch node {
        case .mapping(let pairs):
            return .mapping(pairs.filter { !$0.value.isNull }.map { YAMLPair(key: $0.key, value: dropNulls($0.value)) })
        case .sequence(let items): return .sequence(items.map(dropNulls))
        case .scalar: return node
        }
    }
}

/// Removing the value at a field path from an object.
struct FieldRemoval {
    let schema: PatchSchema
    /// Whether the path prefix of the given length is owned (kept even when left empty).
    let keep: (Int) -> Bool

    /// Removes `path` from `node`; maps and lists left empty are removed too unless `keep` says otherwise.
    func remove(_ path: ArraySlice<PathElement>, from node: YAMLNode, _ field: FieldSchema, depth: Int = 0) -> YAMLNode {
        guard let first = path.first else { return node }
        let rest = path.dropFirst()
        switch (node, first) {
        case (.mapping(var pairs), .field(let k)):
            guard let i = pairs.firstIndex(where: { $0.key.value == k }) else { return node }
            if rest.isEmpty {
                pairs.remove(at: i)
            } else {
                let child = remove(rest, from: pairs[i].value, schema.child(field, k), depth: depth + 1)
                if Self.isEmptyCollection(child) && !Self.isEmptyCollection(pairs[i].value) && !keep(depth + 1) {
                    pairs.remove(at: i)
                } else {
                    pairs[i].value = child
                }
            }
            return .mapping(pairs)
        case (.sequence(var items), _):
            guard let i = items.firstIndex(where: { matches($0, first, field) }) else { return node }
            if rest.isEmpty {
                items.remove(at: i)
            } else {
                items[i] = remove(rest, from: items[i], schema.element(field), depth: depth + 1)
            }
            return .sequence(items)
        default:
            return node
        }
    }

    /// An empty map or list (what pruning leaves behind and Kubernetes would not serialize).
    static func isEmptyCollection(_ n: YAMLNode) -> Bool {
        switch n {
        case .mapping(let p): return p.isEmpty
        case .sequence(let s): return s.isEmpty
        case .scalar: return false
        }
    }

    func matches(_ item: YAMLNode, _ e: PathElement, _ list: FieldSchema) -> Bool {
        switch e {
        case .value(let json): return JSON.encode(item) == json
        case .key: return ObjectFields.itemElement(item, list) == e
        case .index, .field: return false
        }
    }
}
