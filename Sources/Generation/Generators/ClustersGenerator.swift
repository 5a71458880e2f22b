import KealmModel
import KealmYAML

/// The `clusters` generator: one parameter set per Argo CD cluster secret matching `selector`
/// (`name`, `nameNormalized`, `server`, `project`, `metadata.labels.<k>`, `metadata.annotations.<k>`,
/// `values.<k>`), plus the in-cluster destination when no selector is given and no secret
/// already points at it. `flatList: true` yields one set holding a `clusters` list.
struct ClustersGenerator {
    let engine: GeneratorEngine

    func generate(_ spec: YAMLNode, field: String) throws(GenerationError) -> [Params] {
        let reader = FieldReader(object: engine.appSet.displayName)
        let selector: LabelSelector
        do {
            selector = try reader.selector(spec["selector"], "\(field).selector") ?? LabelSelector()
        } catch {
            throw engine.fail(field, error.description)
        }
        let ignoreLocal = !selector.isEmpty
        var byName: [String: ClusterSecret] = [:]
        for s in engine.inputs.clusterSecrets where selector.matches(s.labels) {
            byName[s.name] = s
        }
        let values = spec["values"]?.pairs ?? []
        var out: [Params] = []
        for name in byName.keys.sorted() {
            var params = Self.params(byName[name]!, goTemplate: engine.appSet.goTemplate)
            try engine.addValues(values, to: &params, field: field)
            out.append(params)
        }
        if !ignoreLocal && !byName.values.contains(where: { $0.server == ClusterSecret.inCluster.server }) {
            var params: Params = [
                "name": .string(ClusterSecret.inCluster.name), "nameNormalized": .string(ClusterSecret.inCluster.name),
                "server": .string(ClusterSecret.inCluster.server), "project": .string(""),
            ]
            try engine.addValues(values, to: &params, field: field)
            out.append(params)
        }
        if spec["flatList"]?.boolValue == true {
            return [["clusters": .list(out.map { .map($0) })]]
        }
        return out
    }

    /// The parameters of one cluster.
    static func params(_ s: ClusterSecret, goTemplate: Bool) -> Params {
        var p: Params = [
            "name": .string(s.name), "nameNormalized": .string(Names.sanitize(s.name)), "server": .string(s.server),
            "project": .string(s.project),
        ]
        if goTemplate {
            var meta: [String: TemplateValue] = [:]
            if !s.annotations.isEmpty { meta["annotations"] = .map(s.annotations.mapValues { .string($0) }) }
            if !s.labels.isEmpty { meta["labels"] = .map(s.labels.mapValues { .string($0) }) }
            p["metadata"] = .map(meta)
        } else {
            for (k, v) in s.annotations { p["metadata.annotations.\(k)"] = .string(v) }
            for (k, v) in s.labels { p["metadata.labels.\(k)"] = .string(v) }
        }
        return p
    }
}
