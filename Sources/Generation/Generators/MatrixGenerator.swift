import KealmYAML

/// The `matrix` generator: the cartesian product of two child generators; the second child is
/// interpolated with each parameter set of the first. With fasttemplate a key present in both
/// with different values is an error; with Go templates maps merge deeply and the first child wins.
struct MatrixGenerator {
    let engine: GeneratorEngine

    func generate(_ spec: YAMLNode, field: String) throws(GenerationError) -> [Params] {
        let children = spec["generators"]?.items ?? []
        if children.count < 2 { throw engine.fail(field, "Matrix generator must have at least two child generators") }
        if children.count > 2 { throw engine.fail(field, "found more than two generators, Matrix support only two") }
        let first = try engine.nestedParams(children[0], field: "\(field).generators[0]", inherited: nil)
        var out: [Params] = []
        for a in first {
            let second = try engine.nestedParams(children[1], field: "\(field).generators[1]", inherited: a)
            for b in second {
                if engine.appSet.goTemplate {
                    out.append(Self.deepMerge(b, over: a))
                } else {
                    var merged = a
                    for (k, v) in b {
                        if let existing = merged[k], existing != v {
                            throw engine.fail(field, "failed to combine string maps with merging params for the matrix generator: "
                                + "found duplicate key \(k) with different value, a: \(existing.goString) ,b: \(v.goString)")
                        }
                        merged[k] = v
                    }
                    out.append(merged)
                }
            }
        }
        return out
    }

    /// `winner` deep-merged over `base`: nested maps merge, other values from `winner` replace.
    static func deepMerge(_ base: Params, over winner: Params) -> Params {
        var out = base
        for (k, v) in winner {
            if case .map(let w) = v, case .map(let b)? = out[k] {
                out[k] = .map(deepMerge(b, over: w))
            } else {
                out[k] = v
            }
        }
        return out
    }
}

/// The `merge` generator: parameter sets of the first child, each updated by the sets of later
/// children that have the same values for every `mergeKeys` key. Sets of later children with no
/// match are dropped; duplicate keys within one child are an error.
struct MergeGenerator {
    let engine: GeneratorEngine

    func generate(_ spec: YAMLNode, field: String) throws(GenerationError) -> [Params] {
        let children = spec["generators"]?.items ?? []
        if children.count < 2 { throw engine.fail(field, "Merge requires at least two generators") }
        let keys = Array(Set((spec["mergeKeys"]?.items ?? []).compactMap(\.string))).sorted()
        if keys.isEmpty { throw engine.fail("\(field).mergeKeys", "at least one merge key must be specified") }
        var sets: [[Params]] = []
        for (i, c) in children.enumerated() {
            sets.append(try engine.nestedParams(c, field: "\(field).generators[\(i)]", inherited: nil))
        }
        var base = sets[0]
        var baseIndex: [String: Int] = [:]
        for (i, p) in base.enumerated() {
            let k = key(p, keys)
            if baseIndex[k] != nil { throw nonUnique(field, k) }
            baseIndex[k] = i
        }
        for other in sets.dropFirst() {
            var seen = Set<String>()
            for p in other {
                let k = key(p, keys)
                if !seen.insert(k).inserted { throw nonUnique(field, k) }
                guard let i = baseIndex[k] else { continue }
                base[i] = engine.appSet.goTemplate ? MatrixGenerator.deepMerge(base[i], over: p) : base[i].merging(p) { $1 }
            }
        }
        return base
    }

    func key(_ p: Params, _ keys: [String]) -> String {
        JSON.encode(.mapping(keys.map { YAMLPair($0, (p[$0] ?? .null).node) }))
    }

    func nonUnique(_ field: String, _ key: String) -> GenerationError {
        engine.fail(field, "the parameters from a generator were not unique by the given mergeKeys, "
            + "Merge requires all param sets to be unique. Duplicate key was \(key)")
    }
}
