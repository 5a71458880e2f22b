import KealmYAML
import Overlay

/// The result of rendering a path of a repository at a revision.
public struct GitRenderResult: Sendable {
    /// The commit rendered.
    public var commit: String
    /// The objects, in output order.
    public var documents: [YAMLNode]
    /// True when the render cache answered and the engine did not run.
    public var fromCache: Bool
}

/// Renders a kustomization straight from a commit: resolve the revision in the mirror, open the commit's tree,
/// run the Overlay engine over it through the render cache.
public struct GitRenderer: Sendable {
    /// Bump when the engine's output for the same inputs may change (part of the cache key).
    public static let engineVersion = "overlay-1"

    private let mirrors: MirrorCache
    private let cache: RenderCache<[YAMLNode]>

    public init(mirrors: MirrorCache, cache: RenderCache<[YAMLNode]> = RenderCache(capacity: 256)) {
        self.mirrors = mirrors
        self.cache = cache
    }

    /// Renders `path` (relative to the repository root) of `url` at `revision` (default `HEAD`).
    /// - Parameters:
    ///   - sync: fetch first (a CLI run or a refresh); otherwise the mirror is used as it is.
    ///   - hard: drop the cached render first.
    public func render(
        url: String, revision: String = "HEAD", path: String, sync: Bool = true, hard: Bool = false
    ) async throws -> GitRenderResult {
        let mirror = await mirrors.mirror(for: url)
        if sync { try await mirror.sync() }
        let commit = try await mirror.resolve(revision)
        let source = try await mirror.treeSource(commit: commit, refuseEscapingLinks: true)
        let dir = "/" + TreePath.components(path).joined(separator: "/")
        let slot = RenderSlot(repository: url, path: dir, engineVersion: Self.engineVersion)
        do {
            let result = try cache.render(slot, source: source, hard: hard) { fs in
                try Renderer.render(directory: dir, source: fs)
            }
            return GitRenderResult(commit: commit, documents: result.output, fromCache: result.fromCache)
        } catch let error as OverlayError {
            throw GitSourceError(
                error.category, "\(error)", repository: url, revision: "\(revision) (\(commit.prefix(12)))", path: dir)
        }
    }
}
