import KealmYAML

/// `generators:` and `transformers:` entries: configuration objects of kustomize's builtin
/// plugins (`apiVersion: builtin`), given inline, as files, or as kustomization directories
/// whose output is the configuration objects. Validators are accepted and do nothing.
enum PluginConfigs {
    /// Loads the configuration objects an entry list names.
    static func load(_ entries: [String], ctx: TransformContext, target: KustTarget) throws(OverlayError) -> [Resource] {
        var configs = Accumulation()
        for e in entries {
            if e.contains("\n"), let docs = try? YAMLParser.parseStream(e, file: "inline plugin config"),
                docs.contains(where: { $0.pairs != nil })
            {
                for r in try ResourceReader.read(Array(e.utf8), file: ctx.file) { try configs.resources.append(r, file: ctx.file) }
                continue
            }
            try target.accumulateResource(e, ctx: ctx, into: &configs)
        }
        return configs.resources.resources
    }

    static func runGenerators(ctx: TransformContext, target: KustTarget, into acc: inout Accumulation) throws(OverlayError) {
        let entries = ctx.kustomization.generators
        if entries.isEmpty { return }
        for config in try load(entries, ctx: ctx, target: target) {
            let c = config.node
            switch config.gvk.kind {
            case "ConfigMapGenerator", "SecretGenerator":
                var node = c
                if node["name"] == nil { node["name"] = c[path: ["metadata", "name"]] }
                if node["namespace"] == nil, let ns = c[path: ["metadata", "namespace"]] { node["namespace"] = ns }
                let args = try GeneratorArgs(node: node, file: ctx.file)
                let kind = config.gvk.kind == "SecretGenerator" ? "Secret" : "ConfigMap"
                var gen = try Generators.make(args, kind: kind, ctx: ctx)
                gen.originGenerator = provenance(config, ctx: ctx)
                try Generators.absorb(gen, behavior: args.behavior, ctx: ctx, into: &acc)
            case "IAMPolicyGenerator":
                var gen = try IAMPolicyGenerator.make(c, ctx: ctx)
                gen.originGenerator = provenance(config, ctx: ctx)
                try Generators.absorb(gen, behavior: "create", ctx: ctx, into: &acc)
            default:
                throw unsupported(config, ctx: ctx, field: "generators")
            }
        }
    }

    static func runTransformers(ctx: TransformContext, target: KustTarget, into acc: inout Accumulation) throws(OverlayError) {
        let entries = ctx.kustomization.transformers
        if entries.isEmpty { return }
        for config in try load(entries, ctx: ctx, target: target) {
            try BuiltinPlugin.apply(config, ctx: ctx, to: &acc)
            let p = provenance(config, ctx: ctx)
            acc.resources.updateEach { $0.transformations.append(p) }
        }
    }

    static func provenance(_ config: Resource, ctx: TransformContext) -> Provenance {
        let ns = config.namespace
        return Provenance(file: config.originFile ?? ctx.file, kind: config.gvk.kind, name: config.name,
            namespace: ns.isEmpty ? nil : ns)
    }

    static func unsupported(_ config: Resource, ctx: TransformContext, field: String) -> OverlayError {
        OverlayError(.invalid, "plugin kind \(config.gvk.kind) (apiVersion \(config.gvk.apiVersion)) is not supported",
            file: ctx.file, object: config.label, field: field,
            hint: "Kealm runs kustomize's builtin plugins only; exec and container plugins are refused")
    }
}
