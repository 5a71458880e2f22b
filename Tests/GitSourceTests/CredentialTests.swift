import Foundation
import KealmYAML
import Testing

@testable import GitSource

@Suite("Credentials: Argo CD repository Secrets, environment, redaction")
struct CredentialTests {
    static let secrets = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: exact
          namespace: argocd
          labels: {argocd.argoproj.io/secret-type: repository}
        stringData:
          url: https://git.example.com/org/app.git
          username: alice
          password: s3cret
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: org-creds
          labels: {argocd.argoproj.io/secret-type: repo-creds}
        data:
          url: aHR0cHM6Ly9naXQuZXhhbXBsZS5jb20vb3Jn
          password: dG9rZW4=
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: team-creds
          labels: {argocd.argoproj.io/secret-type: repo-creds}
        stringData:
          url: https://git.example.com/org/team
          sshPrivateKey: KEY
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: bare-repo
          labels: {argocd.argoproj.io/secret-type: repository}
        stringData:
          url: https://git.example.com/org/public
          insecure: "true"
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: unrelated}
        stringData: {url: https://other.example.com, password: nope}
        """

    @Test(arguments: [
        ("https://GIT.example.com/org/app/", "alice", "s3cret", nil, false),  // repository secret, other spelling
        ("https://git.example.com/org/other", nil, "token", nil, false),  // repo-creds by prefix (base64 data)
        ("https://git.example.com/org/team/x", nil, nil, "KEY", false),  // the longest prefix wins
        ("https://git.example.com/org/public", nil, "token", nil, true),  // inherits the template's credentials
        ("https://other.example.com/x", nil, nil, nil, false),  // unlabelled Secret ignored
    ] as [(String, String?, String?, String?, Bool)])
    func matching(url: String, user: String?, password: String?, key: String?, insecure: Bool) throws {
        let store = try CredentialStore(secrets: YAMLParser.parseStream(Self.secrets))
        let got = store.credentials(for: url)
        #expect(got == GitCredentials(username: user, password: password, sshPrivateKey: key, insecure: insecure))
        #expect(!got.description.contains("s3cret") && !got.description.contains("token"))
    }

    @Test func badBase64AndMissingURLAreClearErrors() throws {
        let bad = try YAMLParser.parse(
            "kind: Secret\nmetadata: {name: b, labels: {argocd.argoproj.io/secret-type: repository}}\ndata: {url: '%%%'}\n")
        let e1 = #expect(throws: GitSourceError.self) { try CredentialStore(secrets: [bad]) }
        #expect(e1?.description.contains("data.url is not valid base64") == true)
        let nourl = try YAMLParser.parse(
            "kind: Secret\nmetadata: {name: n, labels: {argocd.argoproj.io/secret-type: repo-creds}}\n")
        #expect(throws: GitSourceError.self) { try CredentialStore(secrets: [nourl]) }
    }

    @Test func environment() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        try "pw-from-file\n".write(toFile: dir.path + "/pw", atomically: true, encoding: .utf8)
        let got = try GitCredentials.fromEnvironment(["KEALM_GIT_USERNAME": "bob", "KEALM_GIT_PASSWORD_FILE": dir.path + "/pw"])
        #expect(got == GitCredentials(username: "bob", password: "pw-from-file"))
        #expect(try GitCredentials.fromEnvironment([:]).isEmpty)
    }

    @Test(arguments: [
        ("https://user:pass@host/org/repo.git", "https://***@host/org/repo.git"),
        ("https://token@host/x", "https://***@host/x"),
        ("cannot fetch from http://a:b@127.0.0.1:9/r: refused", "cannot fetch from http://***@127.0.0.1:9/r: refused"),
        ("ssh://git@host/x and https://u:p@h", "ssh://***@host/x and https://***@h"),
        ("https://host/path@v1", "https://host/path@v1"),
        ("no url here", "no url here"),
    ])
    func redaction(input: String, want: String) {
        #expect(redactURLs(in: input) == want)
    }

    @Test(arguments: [
        ("https://GitHub.com/Org/Repo.git", "https://github.com/Org/Repo"),
        ("https://github.com/Org/Repo/", "https://github.com/Org/Repo"),
        ("git@GitHub.com:org/repo.git", "ssh://git@github.com/org/repo"),
        ("ssh://Git@Host:2222/x.git/", "ssh://Git@host:2222/x"),
        ("/srv/git/repo.git", "/srv/git/repo"),
        ("file:///srv/git/repo", "file:///srv/git/repo"),
    ])
    func normalisation(input: String, want: String) {
        #expect(RepoURL.normalize(input) == want)
    }

    @Test func errorsNeverCarryTheCredential() async throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let url = "http://alice:hunter2@127.0.0.1:\(freePort())/repo.git"
        let mirror = GitMirror(url: url, path: dir.path + "/m")
        let error = await #expect(throws: GitSourceError.self) { try await mirror.sync() }
        let text = error.map { "\($0)" } ?? ""
        #expect(!text.contains("hunter2") && !text.contains("alice"))
        #expect(text.contains("127.0.0.1"))
        #expect(error?.category == .unavailable)
    }
}
