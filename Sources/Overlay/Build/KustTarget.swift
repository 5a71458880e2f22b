import Patch
import KealmYAML

/// Builds kustomization directories recursively: resources, generators, components, then the
/// builtin transformers in `BuiltinTransformer.order`.
final class KustTarget {
    let loader: Loader
    /// Directories being built, outermost first (for cycle detection).
    var chain: [String] = []

    init(loader: Loader) { self.loader = loader }

    /// Builds a kustomization directory into a fresh accumulation.
    func build(dir: String, asker: String) throws(OverlayError) -> Accumulation {
        var acc = Accumulation()
        // The top directory may hold a Component: building it directly is allowed.
        let (real, _) = try loader.resolve(dir, asker: asker)
        let (k, _) = try KustomizationFile.load(dir: real, loader: loader, asker: asker)
        try accumulate(dir: dir, asker: asker, into: &acc, asComponent: k.isComponent)
        return acc
    }

    func accumulate(dir rawDir: String, asker: String, into acc: inout Accumulation, asComponent: Bool) throws(OverlayError) {
        let (dir, entry) = try loader.resolve(rawDir, asker: asker)
        guard entry == .directory else {
            throw OverlayError(.notFound, "\(rawDir) is not a directory", file: asker)
        }
        for visited in chain where PathSyntax.isWithin(visited, dir) {
            throw OverlayError(.invalid, "cycle detected: candidate root '\(dir)' contains visited root '\(visited)'",
                file: asker, hint: "a kustomization may not include itself or a directory above it")
        }
        let (k, file) = try KustomizationFile.load(dir: dir, loader: loader, asker: asker)
        if asComponent && !k.isComponent {
            throw OverlayError(.invalid, "expected kind 'Component' for path '\(dir)' but got 'Kustomization'", file: asker,
                field: "components", hint: "list kustomizations under resources, components under components")
        }
        if !asComponent && k.isComponent {
            throw OverlayError(.invalid, "expected kind 'Kustomization' for path '\(dir)' but got 'Component'", file: asker,
                field: "resources", hint: "list components under components")
        }
        chain.append(dir)
        defer { chain.removeLast() }
        let ctx = TransformContext(kustomization: k, dir: dir, file: file, loader: loader)

        if let p = k.openapiPath {
            try OpenAPIDocument.load(p, ctx: ctx, into: &acc)
        }
        for path in k.resources {
            try accumulateResource(path, ctx: ctx, into: &acc)
        }
        // A kustomization's own openapi setting takes precedence over its bases'.
        if let p = k.openapiPath {
            acc.schema = .builtin
            try OpenAPIDocument.load(p, ctx: ctx, into: &acc)
        } else if k.openapiVersion != nil {
            acc.schema = .builtin
        }
        var local = TransformerConfig.builtin
        if !k.configurations.isEmpty {
            var custom = TransformerConfig()
            for path in k.configurations {
                let bytes = try ctx.read(path)
                let node: YAMLNode
                do { node = try KealmYAMLParse.one(bytes, file: path) } catch { throw overlayError(error, file: file) }
                custom = try custom.mergedAsKustomize(try TransformerConfig(node: node, file: path).sortedAsKustomize(), file: path)
            }
            local = try local.mergedAsKustomize(custom, file: file)
        }
        acc.config = try acc.config.mergedAsKustomize(local, file: file)
        try CRDSpecs.load(k.crds, ctx: ctx, into: &acc)
        try Generators.run(ctx: ctx, into: &acc)
        try PluginConfigs.runGenerators(ctx: ctx, target: self, into: &acc)
        for path in k.components {
            if PathSyntax.isRemote(path) { throw remoteRefused(path, file: file) }
            try accumulate(dir: PathSyntax.join(dir, path), asker: file, into: &acc, asComponent: true)
            acc.config = try TransformerConfig().mergedAsKustomize(acc.config, file: file)
        }
        var applied: [Provenance] = []
        for t in BuiltinTransformer.order {
            try Transformers.apply(t, ctx: ctx, to: &acc)
            applied += t.instances(of: k).map { Provenance(file: file, kind: $0) }
        }
        if !applied.isEmpty {
            acc.resources.updateEach { $0.transformations += applied }
        }
        try PluginConfigs.runTransformers(ctx: ctx, target: self, into: &acc)
        try Vars.declare(k.vars, ctx: ctx, into: &acc)
    }

    func accumulateResource(_ path: String, ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        if PathSyntax.isRemote(path) { throw remoteRefused(path, file: ctx.file) }
        let joined = PathSyntax.join(ctx.dir, path)
        let (_, entry) = try loader.resolve(joined, asker: ctx.file)
        switch entry {
        case .file:
            let (bytes, real) = try loader.readRestricted(path, kustDir: ctx.dir, asker: ctx.file)
            for var r in try ResourceReader.read(bytes, file: joined) {
                r.originFile = real
                try acc.resources.append(r, file: ctx.file)
            }
        case .directory:
            var sub = Accumulation()
            sub.schema = acc.schema
            try accumulate(dir: joined, asker: ctx.file, into: &sub, asComponent: false)
            try acc.resources.appendAll(sub.resources, file: ctx.file)
            acc.config = try acc.config.mergedAsKustomize(sub.config, file: ctx.file)
            for v in sub.vars where acc.vars.contains(where: { $0.name == v.name }) {
                throw OverlayError(.conflict, "var '\(v.name)' already encountered", file: ctx.file, field: "vars",
                    hint: "two bases declare the same var; rename one")
            }
            acc.vars += sub.vars
            acc.schema = sub.schema
        case nil:
            throw OverlayError(.notFound, "accumulating resources: '\(joined)' does not exist", file: ctx.file,
                field: "resources", hint: "fix the path or create the file")
        default:
            throw OverlayError(.invalid, "'\(joined)' is neither a file nor a directory", file: ctx.file, field: "resources")
        }
    }

    func remoteRefused(_ path: String, file: String) -> OverlayError {
        OverlayError(.forbidden, "remote resource '\(path)' is not supported", file: file, field: "resources",
            hint: "vendor the remote kustomization into the repository and refer to it by a relative path")
    }
}
