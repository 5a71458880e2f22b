import Foundation
import GitSource
import KealmModel
import KealmYAML
import KubeClient
import Synchronization

/// Git credentials for the controller, read as Argo CD does from the repository Secrets on the hub
/// (`argocd.argoproj.io/secret-type: repository` or `repo-creds` in the Argo CD namespace).
///
/// `load()` reads them (once at start, before any mirror is used: `MirrorCache` asks for a
/// repository's credentials when its mirror is first created). Nothing here logs or returns a
/// secret: errors name the Secret and the field only.
public final class HubRepositoryCredentials: Sendable {
    public static let secretTypeLabel = "argocd.argoproj.io/secret-type"
    let client: KubeClient
    let namespace: String
    private let store = Mutex(CredentialStore())

    public init(client: KubeClient, namespace: String = "argocd") {
        self.client = client
        self.namespace = namespace
    }

    /// Reads the repository Secrets; returns how many were read. An unreadable Secret is skipped
    /// and reported through `warn` (by name, never by content).
    @discardableResult
    public func load(warn: @Sendable (String) -> Void = { _ in }) async throws -> Int {
        let secrets = try await client.list(FleetKinds.secret, namespace: namespace,
            options: ListOptions(labelSelector: "\(Self.secretTypeLabel) in (repository,repo-creds)")).items
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
        store.withLock { $0 = fresh }
        return count
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
