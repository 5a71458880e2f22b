import Foundation
import GitSource
import KealmModel
import KealmYAML
import KubeClient
import Synchronization

/// Git credentials for the controller, read as Argo CD does from the repository Secrets on the hub
/// (`argocd.argoproj.io/secret-type: repository` or `repo-creds` in the Argo CD namespace), and kept
/// in step with them while the controller runs.
///
/// `load()` reads them once (at start, before the first fetch); `run()` (a `HubController`, or
/// `start()`/`stop()`) then watches those Secrets and rebuilds the store from the watch cache on
/// every change, so a Secret added, rotated or deleted applies on the next fetch (`MirrorCache`
/// asks for a repository's credentials before every clone and fetch). Nothing here logs or returns
/// a secret: warnings name the Secret only.
public final class HubRepositoryCredentials: HubController, Sendable {
    /// The label that marks Argo CD's Secrets by type (`repository`, `repo-creds`, `cluster`).
    public static let secretTypeLabel = "argocd.argoproj.io/secret-type"
    /// The label selector of Argo CD's repository Secrets.
    public static let labelSelector = "\(secretTypeLabel) in (repository,repo-creds)"
    /// The name of the watch among the controllers, for logs.
    public let name = "repository-credentials"
    let client: KubeClient
    let namespace: String
    let warn: @Sendable (String) -> Void
    private let store = Mutex(CredentialStore())
    private let rebuildCount = Mutex(0)
    private let watcher = Mutex<Task<Void, Never>?>(nil)
    /// The warnings of the last rebuild: a broken Secret is reported once, not on every rebuild.
    private let warned = Mutex<Set<String>>([])

    /// `warn` is told (by name only) about each repository Secret that cannot be read.
    public init(client: KubeClient, namespace: String = "argocd", warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client
        self.namespace = namespace
        self.warn = warn
    }

    /// Reads the repository Secrets; returns how many were read. An unreadable Secret is skipped
    /// and reported through `warn` (by name, never by content).
    @discardableResult
    public func load(warn: (@Sendable (String) -> Void)? = nil) async throws -> Int {
        let secrets = try await client.list(FleetKinds.secret, namespace: namespace,
            options: ListOptions(labelSelector: Self.labelSelector)).items
        return replace(with: secrets, warn: warn ?? self.warn)
    }

    /// Watches the repository Secrets until cancelled, rebuilding the store on every change.
    public func run() async throws {
        let informer = Informer(client: client, gvk: FleetKinds.secret, namespace: namespace,
            labelSelector: Self.labelSelector, transform: Informer.stripManagedFields)
        informer.start()
        await withTaskCancellationHandler {
            for await _ in informer.changes { replace(with: informer.list(namespace: namespace), warn: warn) }
        } onCancel: {
            informer.stop()
        }
    }

    /// Starts `run()` in the background (for callers without a `ControllerManager`).
    public func start() {
        let task = Task { _ = try? await self.run() }
        watcher.withLock { $0?.cancel(); $0 = task }
    }

    /// Stops the watch started by `start()`; the store keeps its last contents.
    public func stop() {
        watcher.withLock { $0?.cancel(); $0 = nil }
    }

    /// How many times the store was rebuilt (by `load()` or a change seen by the watch).
    public var rebuilds: Int { rebuildCount.withLock { $0 } }

    /// Replaces the store with the credentials of `secrets`; returns how many were read.
    @discardableResult
    func replace(with secrets: [YAMLNode], warn: (String) -> Void) -> Int {
        var warnings: [String] = []
        let (fresh, count) = Self.store(from: secrets, namespace: namespace) { warnings.append($0) }
        store.withLock { $0 = fresh }
        rebuildCount.withLock { $0 += 1 }
        let new = warned.withLock { seen in
            defer { seen = Set(warnings) }
            return warnings.filter { !seen.contains($0) }
        }
        for w in new { warn(w) }
        return count
    }

    /// The store built from `secrets` and how many were read; an unreadable Secret is skipped and
    /// reported through `warn` by name (the error describes the field, never its value).
    static func store(from secrets: [YAMLNode], namespace: String, warn: (String) -> Void) -> (CredentialStore, Int) {
        var fresh = CredentialStore()
        var count = 0
        for s in secrets {
            do {
                try fresh.add(s)
                count += 1
            } catch {
                warn("repository secret \(namespace)/\(s.string(at: "metadata", "name") ?? "?") skipped: \(error)")
            }
        }
        return (fresh, count)
    }

    /// The credentials for a repository URL (`.none` when no Secret matches).
    public func credentials(for url: String) -> GitCredentials { store.withLock { $0.credentials(for: url) } }

    /// An Argo CD repository Secret for one repository URL (what `kealm up` writes for `--repo` when
    /// `KEALM_GIT_*` credentials are set).
    public static func repositorySecret(name: String, namespace: String = "argocd", url: String, credentials c: GitCredentials) -> YAMLNode {
        var data: [YAMLPair] = [YAMLPair("url", .string(url))]
        if let v = c.username { data.append(YAMLPair("username", .string(v))) }
        if let v = c.password { data.append(YAMLPair("password", .string(v))) }
        if let v = c.bearerToken { data.append(YAMLPair("bearerToken", .string(v))) }
        if let v = c.sshPrivateKey { data.append(YAMLPair("sshPrivateKey", .string(v))) }
        if c.insecure { data.append(YAMLPair("insecure", .string("true"))) }
        return .mapping([
            YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Secret")),
            YAMLPair("metadata", .mapping([
                YAMLPair("name", .string(name)), YAMLPair("namespace", .string(namespace)),
                YAMLPair("labels", .mapping([YAMLPair(secretTypeLabel, .string("repository"))])),
            ])),
            YAMLPair("type", .string("Opaque")),
            YAMLPair("stringData", .mapping(data)),
        ])
    }
}
