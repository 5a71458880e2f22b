import Foundation
import KealmModel
import KealmYAML

/// A push notification, reduced to what selects Applications.
public struct PushEvent: Sendable, Hashable {
    /// Every URL the payload gives for the repository (clone URLs, web URL); compared normalised.
    public var repoURLs: [String]
    /// The pushed branch (`refs/heads/` removed) or tag; nil when the payload names none.
    public var revision: String?
    /// Files added, modified or removed by the pushed commits; nil when the payload does not list them.
    public var changedPaths: [String]?

    public init(repoURLs: [String], revision: String?, changedPaths: [String]? = nil) {
        self.repoURLs = repoURLs
        self.revision = revision
        self.changedPaths = changedPaths
    }
}

/// The webhook's answer.
public enum WebhookResult: Sendable, Hashable {
    /// Applications (`namespace/name`) to refresh.
    case refresh(event: PushEvent, applications: [String])
    /// Not a push (a ping, another event): nothing to do.
    case ignored(String)
    /// Refused: bad signature or token (401), or unreadable payload (400).
    case rejected(status: Int, reason: String)
}

/// The push webhook as a pure function: headers and body in, Applications to refresh out.
///
/// Payloads: GitHub and Gitea (`X-GitHub-Event`/`X-Gitea-Event: push`, `repository.clone_url`,
/// `html_url`, `ssh_url`, `ref`, `commits[].added/modified/removed`), GitLab (`X-Gitlab-Event:
/// Push Hook`, `project.git_http_url`, `git_ssh_url`, `web_url`), and a generic `{"repoURL": …,
/// "revision": …}`. Secrets: GitHub/Gitea sign the body (`X-Hub-Signature-256: sha256=<hex>`,
/// `X-Gitea-Signature: <hex>`), GitLab sends the token itself (`X-Gitlab-Token`), the generic form
/// takes either. A configured secret makes unsigned requests fail with 401.
///
/// An Application matches when its repository is the pushed one and its `targetRevision` is the
/// pushed branch (or `HEAD`, which follows the default branch: refreshed on any branch push, the
/// refresh resolves it). When the payload lists changed files, only Applications whose path (or
/// `argocd.argoproj.io/manifest-generate-paths`) contains one of them are refreshed; the render
/// cache still decides what really re-renders.
public enum Webhook {
    public static let manifestPathsAnnotation = "argocd.argoproj.io/manifest-generate-paths"

    /// Parses and authenticates a request. `headers` keys are matched case-insensitively.
    public static func parse(headers: [String: String], body: [UInt8], secret: String?) -> Result<PushEvent?, WebhookError> {
        var h: [String: String] = [:]
        for (k, v) in headers { h[k.lowercased()] = v }
        if let secret, !secret.isEmpty {
            guard authenticated(h, body: body, secret: secret) else { return .failure(WebhookError(status: 401, reason: "signature or token does not match the webhook secret")) }
        }
        guard let text = String(bytes: body, encoding: .utf8), let json = try? JSON.decode(text) else {
            return .failure(WebhookError(status: 400, reason: "the body is not JSON"))
        }
        let event = (h["x-github-event"] ?? h["x-gitea-event"] ?? h["x-gogs-event"] ?? h["x-gitlab-event"] ?? "").lowercased()
        if event == "ping" { return .success(nil) }
        if !event.isEmpty && event != "push" && event != "push hook" && event != "tag push hook" { return .success(nil) }
        if let repo = json.string(at: "repoURL") {
            return .success(PushEvent(repoURLs: [repo], revision: json.string(at: "revision").map(branch)))
        }
        var urls: [String] = []
        for path in [["repository", "clone_url"], ["repository", "html_url"], ["repository", "ssh_url"], ["repository", "git_url"],
            ["project", "git_http_url"], ["project", "git_ssh_url"], ["project", "web_url"], ["repository", "git_http_url"]]
        {
            if let u = json[path: path]?.string, !u.isEmpty { urls.append(u) }
        }
        guard !urls.isEmpty else { return .failure(WebhookError(status: 400, reason: "the payload names no repository")) }
        var changed: [String]? = nil
        if let commits = json["commits"]?.items, !commits.isEmpty {
            var paths: [String] = []
            for c in commits {
                for k in ["added", "modified", "removed"] { paths += (c[k]?.items ?? []).compactMap(\.string) }
            }
            changed = paths
        }
        return .success(PushEvent(repoURLs: urls, revision: json.string(at: "ref").map(branch), changedPaths: changed))
    }

    /// The Applications a push refreshes, as `namespace/name`, sorted.
    public static func select(_ event: PushEvent, applications: [Application], normalize: (String) -> String) -> [String] {
        let repos = Set(event.repoURLs.map(normalize))
        return applications.filter { app in
            guard repos.contains(normalize(app.source.repoURL)) else { return false }
            if let rev = event.revision, let branch = app.source.branch, branch != rev { return false }
            guard let changed = event.changedPaths else { return true }
            let roots = watchedRoots(app)
            return changed.contains { file in roots.contains { root in root.isEmpty || file == root || file.hasPrefix(root + "/") } }
        }.map(\.key).sorted()
    }

    /// Handles a request end to end (parse, authenticate, select).
    public static func handle(headers: [String: String], body: [UInt8], secret: String?, applications: [Application],
        normalize: (String) -> String) -> WebhookResult
    {
        switch parse(headers: headers, body: body, secret: secret) {
        case .failure(let e): return .rejected(status: e.status, reason: e.reason)
        case .success(nil): return .ignored("not a push event")
        case .success(let event?): return .refresh(event: event, applications: select(event, applications: applications, normalize: normalize))
        }
    }

    /// Repository-relative directories whose changes concern an Application: its path, or the
    /// `manifest-generate-paths` list (`;`-separated, relative to the path unless starting with `/`).
    static func watchedRoots(_ app: Application) -> [String] {
        let base = String(app.source.directory.dropFirst())
        guard let list = app.annotations[manifestPathsAnnotation] else { return [base] }
        return list.split(separator: ";").map { item in
            let p = item.trimmingCharacters(in: .whitespaces)
            let joined = p.hasPrefix("/") ? String(p.dropFirst()) : (base.isEmpty ? p : base + "/" + p)
            var parts: [Substring] = []
            for c in joined.split(separator: "/") {
                if c == "." { continue }
                if c == "..", !parts.isEmpty { parts.removeLast(); continue }
                parts.append(c)
            }
            return parts.joined(separator: "/")
        }
    }

    static func branch(_ ref: String) -> String {
        for prefix in ["refs/heads/", "refs/tags/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }

    static func authenticated(_ h: [String: String], body: [UInt8], secret: String) -> Bool {
        let mac = SHA256.hmac(key: Array(secret.utf8), message: body)
        if let sig = h["x-hub-signature-256"], sig.hasPrefix("sha256=") {
            return SHA256.constantTimeEqual(Array(sig.dropFirst(7).lowercased().utf8), Array(SHA256.hex(mac).utf8))
        }
        if let sig = h["x-gitea-signature"] ?? h["x-gogs-signature"] {
            return SHA256.constantTimeEqual(Array(sig.lowercased().utf8), Array(SHA256.hex(mac).utf8))
        }
        if let token = h["x-gitlab-token"] ?? h["x-kealm-token"] {
            return SHA256.constantTimeEqual(Array(token.utf8), Array(secret.utf8))
        }
        return false
    }
}

/// Why a webhook request was refused.
public struct WebhookError: Error, Sendable, Hashable {
    public var status: Int
    public var reason: String
}
