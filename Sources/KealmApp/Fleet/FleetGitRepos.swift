import Foundation
import Generation
import GitSource
import KealmYAML
import Overlay
import Synchronization

/// Where the fleet controller's `git` generators read repositories from. `reader(for:)` is async
/// (it may fetch); the returned `RepoFiles` is the synchronous view the pure generator reads.
public protocol FleetRepoReader: Sendable {
    func reader(for appSet: ApplicationSetSpec) async -> any RepoFiles
}

/// `FleetRepoReader` over the Git mirrors the application controller uses (`GitRenderEffects`):
/// each `repoURL`/`revision` an ApplicationSet's `git` generators name is synced at most once per
/// poll interval, resolved to a commit, and read from that commit's tree (nothing checked out).
/// The walk of a tree (its directories and files) is remembered by tree id.
public final class FleetGitRepos: FleetRepoReader {
    let git: GitRenderEffects
    private let walks = Mutex<[String: FleetTreeWalk]>([:])

    public init(git: GitRenderEffects) { self.git = git }

    public func reader(for appSet: ApplicationSetSpec) async -> any RepoFiles {
        var trees: [String: Result<FleetTree, FleetRepoError>] = [:]
        for (url, revision) in Self.repositories(in: appSet.generators) {
            let key = FleetRepoTrees.key(url, revision)
            guard trees[key] == nil else { continue }
            do {
                let commit = try await git.resolve(repoURL: url, revision: revision, fetch: false)
                let source = try await git.mirrors.mirror(for: url).treeSource(commit: commit, refuseEscapingLinks: true)
                trees[key] = .success(FleetTree(source: source, walk: try walk(source)))
            } catch {
                trees[key] = .failure(FleetRepoError(message: redactURLs(in: "\(error)")))
            }
        }
        return FleetRepoTrees(trees: trees)
    }

    /// The `repoURL`/`revision` of every `git` generator at any depth whose URL is literal
    /// (a templated URL inside a matrix cannot be known before generation and fails clearly).
    static func repositories(in generators: [YAMLNode]) -> [(String, String)] {
        var out: [(String, String)] = []
        func visit(_ n: YAMLNode) {
            switch n {
            case .mapping(let pairs):
                for p in pairs {
                    if p.key.value == "git", let url = p.value["repoURL"]?.string, !url.contains("{{") {
                        let revision = p.value["revision"]?.string ?? ""
                        out.append((url, revision.isEmpty ? "HEAD" : revision))
                    }
                    visit(p.value)
                }
            case .sequence(let items): items.forEach(visit)
            case .scalar: break
            }
        }
        generators.forEach(visit)
        return out
    }

    /// Every directory and regular file of a tree (hidden names skipped, as Argo CD's git generator does).
    func walk(_ source: GitTreeFileSource) throws -> FleetTreeWalk {
        if let hit = walks.withLock({ $0[source.treeID] }) { return hit }
        var dirs: [String] = []
        var files: [String] = []
        func visit(_ rel: String) throws {
            for name in try source.list(rel.isEmpty ? "/" : "/" + rel).sorted() where !name.hasPrefix(".") {
                let child = rel.isEmpty ? name : rel + "/" + name
                switch try source.entry(at: "/" + child) {
                case .directory?:
                    dirs.append(child)
                    try visit(child)
                case .file?: files.append(child)
                default: break  // links and submodules are not generator entries
                }
            }
        }
        try visit("")
        let w = FleetTreeWalk(directories: dirs.sorted(), files: files.sorted())
        walks.withLock { m in
            if m.count >= 64 { m.removeAll() }
            m[source.treeID] = w
        }
        return w
    }
}

struct FleetTreeWalk: Sendable {
    var directories: [String]
    var files: [String]
}

struct FleetTree: Sendable {
    let source: GitTreeFileSource
    let walk: FleetTreeWalk
}

struct FleetRepoError: Error, CustomStringConvertible, Sendable {
    var message: String
    var description: String { message }
}

/// The trees prepared for one ApplicationSet, read synchronously by the `git` generator.
struct FleetRepoTrees: RepoFiles {
    let trees: [String: Result<FleetTree, FleetRepoError>]

    static func key(_ url: String, _ revision: String) -> String { RepoURL.normalize(url) + "@" + revision }

    func tree(_ url: String, _ revision: String) throws -> FleetTree {
        guard let t = trees[Self.key(url, revision.isEmpty ? "HEAD" : revision)] else {
            throw FleetRepoError(message: "repository \(redactURLs(in: url)) at \(revision) was not prepared (a templated repoURL is not supported)")
        }
        return try t.get()
    }

    func directories(repoURL: String, revision: String) throws -> [String] { try tree(repoURL, revision).walk.directories }
    func files(repoURL: String, revision: String) throws -> [String] { try tree(repoURL, revision).walk.files }
    func read(repoURL: String, revision: String, path: String) throws -> [UInt8] {
        try tree(repoURL, revision).source.read("/" + path)
    }
}
