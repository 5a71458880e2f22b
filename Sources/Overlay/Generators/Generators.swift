import KealmYAML

/// Runs `configMapGenerator` and `secretGenerator` and merges their output into the build,
/// honouring each generator's behavior (create, merge, replace).
enum Generators {
    static func run(ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        let k = ctx.kustomization
        for args in k.configMapGenerator {
            try absorb(try make(args, kind: "ConfigMap", ctx: ctx), behavior: args.behavior, ctx: ctx, into: &acc)
        }
        for args in k.secretGenerator {
            try absorb(try make(args, kind: "Secret", ctx: ctx), behavior: args.behavior, ctx: ctx, into: &acc)
        }
    }

    /// Builds one generated ConfigMap or Secret.
    static func make(_ args: GeneratorArgs, kind: String, ctx: TransformContext) throws(OverlayError) -> Resource {
        let options = (args.options ?? GeneratorOptions()).merged(over: ctx.kustomization.generatorOptions)
        var meta: [YAMLPair] = [YAMLPair("name", .string(args.name))]
        if !args.namespace.isEmpty { meta.append(YAMLPair("namespace", .string(args.namespace))) }
        if !options.labels.isEmpty {
            meta.append(YAMLPair("labels", .mapping(options.labels.map { YAMLPair($0.0, .string($0.1)) })))
        }
        if !options.annotations.isEmpty {
            meta.append(YAMLPair("annotations", .mapping(options.annotations.map { YAMLPair($0.0, .string($0.1)) })))
        }
        var pairs: [YAMLPair] = [YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string(kind)), YAMLPair("metadata", .mapping(meta))]
        let kvs = try KeyValueSources.load(args, ctx: ctx, kind: kind)
        if kind == "Secret" {
            pairs.append(YAMLPair("type", .string(args.type ?? "Opaque")))
            if !kvs.isEmpty {
                pairs.append(YAMLPair("data", .mapping(kvs.map { YAMLPair($0.0, .string(KeyValueSources.base64Wrapped($0.1))) })))
            }
        } else {
            var data: [YAMLPair] = []
            var binary: [YAMLPair] = []
            for (k, v) in kvs {
                if let s = String(validating: v, as: UTF8.self) { data.append(YAMLPair(k, .string(s))) } else {
                    binary.append(YAMLPair(k, .string(KeyValueSources.base64Wrapped(v))))
                }
            }
            if !data.isEmpty { pairs.append(YAMLPair("data", .mapping(data))) }
            if !binary.isEmpty { pairs.append(YAMLPair("binaryData", .mapping(binary))) }
        }
        if options.immutable == true { pairs.append(YAMLPair("immutable", .bool(true))) }
        var r = Resource(node: .mapping(pairs))
        r.generated = true
        r.needsHash = options.disableNameSuffixHash != true
        r.behavior = GeneratorBehavior(rawValue: args.behavior) ?? .create
        r.originGenerator = Provenance(file: ctx.file, kind: kind == "Secret" ? "SecretGenerator" : "ConfigMapGenerator")
        return r
    }

    /// Adds a generated object, or merges it into / replaces the existing object with its id.
    static func absorb(_ gen: Resource, behavior: String, ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        let id = gen.id
        let matches = acc.resources.indices(matchingAny: id)
        if matches.isEmpty {
            if behavior == "merge" || behavior == "replace" {
                throw OverlayError(.notFound, "id \(id) does not exist; cannot merge or replace", file: ctx.file,
                    object: gen.label, field: "behavior", hint: "use behavior: create, or generate it in a base first")
            }
            try acc.resources.append(gen, file: ctx.file)
            return
        }
        guard matches.count == 1 else {
            throw OverlayError(.conflict, "found multiple objects that could accept merge of \(id)", file: ctx.file, object: gen.label)
        }
        let old = acc.resources[matches[0]]
        var new = gen
        switch behavior {
        case "merge":
            for key in ["data", "binaryData"] {
                guard let oldData = old.node[key]?.pairs else { continue }
                var merged = oldData
                for p in new.node[key]?.pairs ?? [] {
                    if let i = merged.firstIndex(where: { $0.key.value == p.key.value }) { merged[i] = p } else { merged.append(p) }
                }
                new.node[key] = .mapping(merged)
            }
            new.originGenerator = old.originGenerator
            new.originFile = old.originFile
        case "replace":
            break
        default:
            throw OverlayError(.conflict, "id \(id) exists; behavior must be merge or replace", file: ctx.file,
                object: gen.label, field: "behavior", hint: "set behavior: merge or behavior: replace")
        }
        for field in ["labels", "annotations"] {
            var merged = old.node[path: ["metadata", field]]?.pairs ?? []
            for p in new.node[path: ["metadata", field]]?.pairs ?? [] {
                if let i = merged.firstIndex(where: { $0.key.value == p.key.value }) { merged[i] = p } else { merged.append(p) }
            }
            if !merged.isEmpty { new.node[path: ["metadata", field]] = .mapping(merged) }
        }
        new.setName(old.name)
        if old.namespace.isEmpty { new.node[path: ["metadata", "namespace"]] = nil } else { new.setNamespace(old.namespace) }
        new.previousIDs = old.previousIDs
        // A hash suffix only when both the existing object and the merging generator want one.
        new.needsHash = old.needsHash && new.needsHash
        new.refVarNames = old.refVarNames
        new.transformations = old.transformations
        acc.resources[matches[0]] = new
    }
}
