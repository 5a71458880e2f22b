import KealmYAML

/// A fast path for the parts of an object a patch does not touch. kyaml walks them too, which can
/// only drop empty nulls and re-key associative lists; when a subtree has neither nulls nor
/// irregular associative lists, the walk returns it unchanged, so it is skipped.
extension KustomizeMerge {
    /// True when walking `node` against no patch would return it unchanged.
    func isUntouchedClean(_ node: RefNode, _ field: FieldSchema) -> Bool {
        var field = field
        if field.type == .unknown, !field.mergeStrategy, let r = metaRoot(node) { field = r }
        switch node.kind {
        case .scalar:
            return true
        case .mapping:
            for (k, v) in zip(node.keys, node.values) {
                if v.isNull || !isUntouchedClean(v, schema.child(field, k.value)) { return false }
            }
            return true
        case .sequence:
            guard field.mergeStrategy else { return true }
            let keys = field.smpKeys
            if keys.isEmpty {
                var seen = Set<String>()
                return node.items.allSatisfy { $0.kind == .scalar && !$0.isNull && seen.insert($0.text).inserted }
            }
            // Every key either given (as a non-empty scalar) by every item or by none.
            var tuples = Set<[String]>()
            var present = [Bool?](repeating: nil, count: keys.count)
            let elem = schema.element(field)
            for item in node.items {
                guard item.kind == .mapping, !item.keys.isEmpty else { return false }
                var tuple: [String] = []
                for (i, k) in keys.enumerated() {
                    let f = item.field(k)
                    let has = f.map { $0.kind == .scalar && !$0.isNull && !$0.text.isEmpty } ?? false
                    if f != nil && !has { return false }
                    if present[i] == nil { present[i] = has } else if present[i] != has { return false }
                    tuple.append(f?.text ?? "")
                }
                if present.allSatisfy({ $0 == false }) || !tuples.insert(tuple).inserted { return false }
                if !isUntouchedClean(item, elem) { return false }
            }
            return true
        }
    }
}
