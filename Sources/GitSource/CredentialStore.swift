import Foundation
import KealmYAML

/// Repository credentials read from Argo CD's repository Secrets, matched to repository URLs as Argo CD does.
///
/// A Secret labelled `argocd.argoproj.io/secret-type: repository` applies to the one repository whose URL
/// (normalised) equals its `url`; one labelled `repo-creds` is a template applying to every repository whose
/// normalised URL starts with its `url` (the longest such prefix wins). A repository Secret without credentials
/// of its own inherits them from the matching `repo-creds`. Fields: `url`, `username`, `password`,
/// `sshPrivateKey`, `insecure`, `bearerToken`, read from `data` (base64) or `stringData`.
public struct CredentialStore: Sendable {
    struct Item: Sendable {
        var name: String
        var prefix: String
        var credentials: GitCredentials
    }

    private var repositories: [String: Item] = [:]
    private var templates: [Item] = []

    public init() {}

    /// Reads every Argo CD repository Secret among `secrets`; other objects are ignored.
    public init(secrets: [YAMLNode]) throws {
        for secret in secrets { try add(secret) }
    }

    /// Adds one Secret (ignored unless it carries the Argo CD secret-type label).
    public mutating func add(_ secret: YAMLNode) throws {
        guard secret.string(at: "kind") == "Secret",
            let type = secret.string(at: "metadata", "labels", "argocd.argoproj.io/secret-type"),
            type == "repository" || type == "repo-creds"
        else { return }
        // Helm and OCI repositories share the Secret format; only Git repositories concern this module.
        if let repoType = try Self.field(secret, "type", secret: "?"), repoType != "git" { return }
        let name = (secret.string(at: "metadata", "namespace").map { $0 + "/" } ?? "") + (secret.string(at: "metadata", "name") ?? "?")
        let field = { (key: String) throws -> String? in try Self.field(secret, key, secret: name) }
        guard let url = try field("url"), !url.isEmpty else {
            throw GitSourceError(
                .invalid, "repository secret has no url", path: "Secret \(name)", hint: "set data.url or stringData.url")
        }
        let creds = GitCredentials(
            username: try field("username"), password: try field("password"), sshPrivateKey: try field("sshPrivateKey"),
            insecure: (try field("insecure")).map { $0.lowercased() == "true" } ?? false,
            bearerToken: try field("bearerToken"))
        let item = Item(name: name, prefix: RepoURL.normalize(url), credentials: creds)
        if type == "repository" { repositories[item.prefix] = item } else { templates.append(item) }
    }

    /// The credentials for a repository URL (`.none` when nothing matches).
    public func credentials(for url: String) -> GitCredentials {
        let key = RepoURL.normalize(url)
        let template = templates.filter { key.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }
        if let repo = repositories[key] {
            guard repo.credentials.isEmpty, var inherited = template?.credentials else { return repo.credentials }
            inherited.insecure = inherited.insecure || repo.credentials.insecure
            return inherited
        }
        return template?.credentials ?? .none
    }

    /// The name of the Secret that supplies credentials for `url`, for diagnostics (never the secret itself).
    public func secretName(for url: String) -> String? {
        let key = RepoURL.normalize(url)
        if let repo = repositories[key], !repo.credentials.isEmpty { return repo.name }
        return templates.filter { key.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.name
    }

    private static func field(_ secret: YAMLNode, _ key: String, secret name: String) throws -> String? {
        if let plain = secret.string(at: "stringData", key) { return plain }
        guard let encoded = secret.string(at: "data", key) else { return nil }
        guard let data = Data(base64Encoded: encoded.filter { !$0.isWhitespace }) else {
            throw GitSourceError(
                .invalid, "data.\(key) is not valid base64", path: "Secret \(name)", hint: "encode the value with base64")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension GitCredentials {
    /// Credentials for the CLI from the environment: `KEALM_GIT_USERNAME`, `KEALM_GIT_PASSWORD` (or
    /// `KEALM_GIT_PASSWORD_FILE`), `KEALM_GIT_SSH_KEY_FILE`, `KEALM_GIT_SSH_PASSPHRASE`, `KEALM_GIT_INSECURE=true`,
    /// `KEALM_GIT_BEARER_TOKEN`.
    public static func fromEnvironment(_ env: [String: String]) throws -> GitCredentials {
        func file(_ name: String) throws -> String? {
            guard let path = env[name] else { return nil }
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw GitSourceError(.invalid, "cannot read \(name)=\(path)", hint: "check the file exists and is readable")
            }
        }
        var password = env["KEALM_GIT_PASSWORD"]
        if password == nil { password = try file("KEALM_GIT_PASSWORD_FILE")?.trimmingWhitespace() }
        return GitCredentials(
            username: env["KEALM_GIT_USERNAME"], password: password, sshPrivateKey: try file("KEALM_GIT_SSH_KEY_FILE"),
            sshPassphrase: env["KEALM_GIT_SSH_PASSPHRASE"], insecure: env["KEALM_GIT_INSECURE"] == "true",
            bearerToken: env["KEALM_GIT_BEARER_TOKEN"])
    }
}
