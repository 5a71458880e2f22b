import KealmYAML

/// RFC 7386 JSON merge patch (`application/merge-patch+json`): a map patch merges key by key, a
/// `null` deletes the key, and anything else (lists included) replaces the target.
public enum MergePatch {
    /// Applies `patch` to `target`.
    public static func apply(_ patch: YAMLNode, to target: YAMLNode) -> YAMLNode {
        guard case .mapping(let patchPairs) = patch else { return patch }
        var pairs = target.pairs ?? []
        for p in patchPairs {
            let i = pairs.firstIndex { $0.key.value == p.key.value }
            if p.value.isNull {
                if let i { pairs.remove(at: i) }
            } else if let i {
                pairs[i].value = apply(p.value, to: pairs[i].value)
            } else {
                pairs.append(YAMLPair(key: p.key, value: apply(p.value, to: .mapping([]))))
            }
        }
        return .mapping(pairs)
    }

    /// The merge patch that turns `original` into `modified` (nulls for removed keys; lists and
    /// scalars that differ are given whole). Nil when they are equal.
    public static func diff(from original: YAMLNode, to modified: YAMLNode) -> YAMLNode? {
        guard case .mapping(let o) = original, case .mapping(let m) = modified else {
            return JSONPatch.equal(original, modified) ? nil : modified
        }
        var out: [YAMLPair] = []
        for p in o where !m.contains(where: { $0.key.value == p.key.value }) {
            out.append(YAMLPair(key: p.key, value: .null))
        }
        for p in m {
            if let q = o.first(where: { $0.key.value == p.key.value }) {
                if let d = diff(from: q.value, to: p.value) { out.append(YAMLPair(key: p.key, value: d)) }
            } else {
                out.append(p)
            }
        }
        return out.isEmpty ? nil : .mapping(out)
    }
}
