import Foundation
import KealmModel
import KealmYAML
import Reconcile
import Testing

@Suite("Push webhook")
struct WebhookTests {
    static let apps: [Application] = [
        Application(name: "web-dev", namespace: "argocd", source: ApplicationSource(repoURL: "https://git.example/org/apps.git",
            targetRevision: "main", path: "web/dev"), destination: ApplicationDestination(name: "c1")),
        Application(name: "db-dev", namespace: "argocd", source: ApplicationSource(repoURL: "https://git.example/org/apps",
            targetRevision: "HEAD", path: "db/dev"), destination: ApplicationDestination(name: "c1")),
        Application(name: "web-rel", namespace: "argocd", source: ApplicationSource(repoURL: "https://git.example/org/apps.git",
            targetRevision: "release", path: "web/dev"), destination: ApplicationDestination(name: "c1")),
        Application(name: "other", namespace: "argocd", source: ApplicationSource(repoURL: "https://git.example/org/other.git",
            targetRevision: "main", path: "web/dev"), destination: ApplicationDestination(name: "c1")),
    ]

    static func norm(_ u: String) -> String {
        var s = u.lowercased()
        if s.hasSuffix(".git") { s.removeLast(4) }
        return s
    }

    func handle(_ headers: [String: String], _ body: String, secret: String? = nil) -> WebhookResult {
        Webhook.handle(headers: headers, body: Array(body.utf8), secret: secret, applications: Self.apps, normalize: Self.norm)
    }

    @Test("SHA-256 and HMAC match the standard test vectors")
    func vectors() {
        #expect(SHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // RFC 4231 test case 2.
        #expect(SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("GitHub push: branch and changed paths select the Applications")
    func github() {
        let body = #"{"ref":"refs/heads/main","repository":{"clone_url":"https://git.example/org/apps.git","html_url":"https://git.example/org/apps"},"commits":[{"added":[],"modified":["web/dev/kustomization.yaml"],"removed":[]}]}"#
        #expect(handle(["X-GitHub-Event": "push"], body) == .refresh(event: PushEvent(repoURLs: ["https://git.example/org/apps.git",
            "https://git.example/org/apps"], revision: "main", changedPaths: ["web/dev/kustomization.yaml"]), applications: ["argocd/web-dev"]))
        let db = #"{"ref":"refs/heads/main","repository":{"clone_url":"https://git.example/org/apps.git"},"commits":[{"modified":["db/dev/x.yaml"]}]}"#
        if case .refresh(_, let apps) = handle(["X-GitHub-Event": "push"], db) { #expect(apps == ["argocd/db-dev"]) } else { Issue.record("no refresh") }
    }

    @Test("GitHub signature: right secret accepted, wrong or missing refused")
    func githubSignature() {
        let body = #"{"ref":"refs/heads/release","repository":{"clone_url":"https://git.example/org/apps.git"}}"#
        let sig = "sha256=" + SHA256.hex(SHA256.hmac(key: Array("s3cret".utf8), message: Array(body.utf8)))
        if case .refresh(_, let apps) = handle(["X-GitHub-Event": "push", "X-Hub-Signature-256": sig], body, secret: "s3cret") {
            #expect(apps == ["argocd/db-dev", "argocd/web-rel"])
        } else {
            Issue.record("signed request refused")
        }
        #expect(handle(["X-GitHub-Event": "push", "X-Hub-Signature-256": sig], body, secret: "other") == .rejected(status: 401,
            reason: "signature or token does not match the webhook secret"))
        if case .rejected(let s, _) = handle(["X-GitHub-Event": "push"], body, secret: "s3cret") { #expect(s == 401) } else { Issue.record("unsigned accepted") }
    }

    @Test("GitLab push with token; Gitea push; ping ignored; generic payload")
    func others() {
        let gl = #"{"ref":"refs/heads/main","project":{"git_http_url":"https://git.example/org/other.git","web_url":"https://git.example/org/other"}}"#
        if case .refresh(_, let apps) = handle(["X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": "tok"], gl, secret: "tok") {
            #expect(apps == ["argocd/other"])
        } else {
            Issue.record("gitlab refused")
        }
        let gitea = #"{"ref":"refs/heads/main","repository":{"clone_url":"https://git.example/org/apps.git"}}"#
        if case .refresh(_, let apps) = handle(["X-Gitea-Event": "push"], gitea) { #expect(apps == ["argocd/db-dev", "argocd/web-dev"]) } else {
            Issue.record("gitea refused")
        }
        #expect(handle(["X-GitHub-Event": "ping"], "{}") == .ignored("not a push event"))
        if case .refresh(_, let apps) = handle([:], #"{"repoURL":"https://git.example/org/apps","revision":"release"}"#) {
            #expect(apps == ["argocd/db-dev", "argocd/web-rel"])
        } else {
            Issue.record("generic refused")
        }
        if case .rejected(let s, _) = handle([:], "not json") { #expect(s == 400) } else { Issue.record("bad body accepted") }
    }

    @Test("manifest-generate-paths widens what concerns an Application")
    func generatePaths() {
        var app = Self.apps[0]
        app.annotations[Webhook.manifestPathsAnnotation] = ".;../../shared"
        let event = PushEvent(repoURLs: ["https://git.example/org/apps.git"], revision: "main", changedPaths: ["shared/base.yaml"])
        #expect(Webhook.select(event, applications: [app], normalize: Self.norm) == ["argocd/web-dev"])
        #expect(Webhook.select(event, applications: [Self.apps[0]], normalize: Self.norm).isEmpty)
    }
}
