import ArgumentParser
import Dispatch
import Foundation
import GitSource
import KealmYAML

/// The options of `kealm render` that build from a Git repository instead of a directory:
/// `kealm render --repo URL [--revision REF] PATH`.
struct GitRenderOptions: ParsableArguments {
    @Option(help: "Build PATH from this Git repository (local path, file://, git://, http(s)://, ssh://) without a checkout.")
    var repo: String?

    @Option(help: "Branch, tag or commit id to build (with --repo).")
    var revision: String = "HEAD"

    @Option(help: "Where repository mirrors are kept (with --repo; default: $KEALM_STATE_DIR or ~/.cache/kealm).")
    var stateDir: String?

    @Option(help: "Argo CD repository Secrets (YAML) to take credentials from (with --repo).")
    var credentials: String?
}

/// Renders `path` of `options.repo` at `options.revision` and returns the YAML stream `kubectl kustomize` prints
/// for a checkout of that commit. Credentials come from `--credentials` Secrets, else from `KEALM_GIT_*`.
func renderFromGit(_ options: GitRenderOptions, path: String) throws -> String {
    guard let repo = options.repo else { throw ValidationError("--repo is required") }
    let env = ProcessInfo.processInfo.environment
    let url = localRepositoryURL(repo)
    let state = options.stateDir ?? env["KEALM_STATE_DIR"] ?? (NSHomeDirectory() + "/.cache/kealm")
    var creds = try GitCredentials.fromEnvironment(env)
    if let file = options.credentials {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let store = try CredentialStore(secrets: YAMLParser.parseStream(text, file: file))
        let fromSecret = store.credentials(for: url)
        if !fromSecret.isEmpty { creds = fromSecret }
    }
    let limits = GitLimits()
    let mirrors = MirrorCache(stateDirectory: state, limits: limits, credentials: { [creds] _ in creds })
    let renderer = GitRenderer(mirrors: mirrors)
    let revision = options.revision
    let result = try waitFor { try await renderer.render(url: url, revision: revision, path: path) }
    let text = try YAMLEmitter.emit(result.documents)
    if let max = limits.maxRenderedBytes, text.utf8.count > max {
        throw GitSourceError(
            .invalid, "rendered output is \(text.utf8.count) bytes, over the limit of \(max) bytes", repository: url,
            path: path)
    }
    return text
}

/// A relative or absolute local path becomes an absolute path; URLs are kept.
private func localRepositoryURL(_ repo: String) -> String {
    if repo.contains("://") || repo.hasPrefix("/") { return repo }
    if RepoURL.isLocal(repo) || FileManager.default.fileExists(atPath: repo) {
        return URL(fileURLWithPath: repo).standardizedFileURL.path
    }
    return repo  // scp-like ssh (git@host:org/repo)
}

/// Runs async work from a synchronous command and waits for it (the work runs on the mirror's own queue and
/// the cooperative pool, never on this thread, so waiting cannot deadlock).
private func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, Error>?
    private let lock = NSLock()
    func set(_ r: Result<T, Error>) { lock.withLock { result = r } }
    func get() throws -> T { try lock.withLock { result! }.get() }
}
