import KealmYAML

/// Options of a render.
public struct RenderOptions: Sendable {
    /// When set, nothing outside this directory may be read (symlinks resolved hop by hop).
    public var outerRoot: String?
    public init(outerRoot: String? = nil) { self.outerRoot = outerRoot }
}

/// The entry point of the engine: builds a kustomization directory into the ordered list of
/// objects that `kustomize build` prints.
///
/// ```swift
/// let docs = try Renderer.render(directory: "/repo/overlays/dev", source: disk)
/// print(try YAMLEmitter.emit(docs), terminator: "")
/// ```
public enum Renderer {
    public static func render(directory: String, source: any FileSource, options: RenderOptions = RenderOptions())
        throws(OverlayError) -> [YAMLNode]
    {
        var outer = options.outerRoot
        if let root = outer {
            outer = try Loader(source: source, outerRoot: nil).resolve(root, asker: "--root").path
        }
        let loader = Loader(source: source, outerRoot: outer)
        let dir = PathSyntax.clean(directory)
        let target = KustTarget(loader: loader)
        var acc = try target.build(dir: dir, asker: dir)
        let (k, _) = try KustomizationFile.load(dir: try loader.resolve(dir, asker: dir).path, loader: loader, asker: dir)
        try HashSuffix.apply(to: &acc.resources)
        try NameReferences.fix(&acc.resources, config: acc.config)
        try Vars.resolve(&acc)
        LocalConfig.drop(&acc.resources)
        var list = acc.resources.resources
        if k.sortOrder != "fifo" {
            list = LegacyOrder.sorted(list, first: k.sortFirst, last: k.sortLast)
        }
        let top = try loader.resolve(dir, asker: dir).path
        return list.map { BuildMetadata.finish($0, keep: k.buildMetadata, topDir: top) }
    }
}
