import Foundation
import Testing

@testable import GitSource

@Suite("Mirror: clone, fetch, resolve")
struct MirrorTests {
    @Test func normalisedSpellingsShareOneMirror() async throws {
        let state = TempDir()
        defer { state.cleanup() }
        let cache = MirrorCache(stateDirectory: state.path)
        let a = await cache.mirror(for: "https://Example.COM/org/Repo.git")
        let b = await cache.mirror(for: "https://example.com/org/Repo/")
        #expect(a === b)
        let c = await cache.mirror(for: "https://example.com/org/repo")
        #expect(a !== c)  // the path keeps its case
    }

    @Test func cloneThenFetchAfterPush() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let first = try origin.commit(["README.md": "hello\n"])
        let cache = MirrorCache(stateDirectory: origin.base.path + "/state")
        let mirror = await cache.mirror(for: origin.url)
        #expect(try await mirror.sync() == .cloned)
        #expect(try await mirror.resolve("HEAD") == first)
        #expect(try await mirror.resolve("main") == first)

        let second = try origin.commit(["README.md": "hello again\n"])
        #expect(try await mirror.sync() == .fetched)
        #expect(try await mirror.resolve("HEAD") == second)
        let stats = await mirror.stats
        #expect(stats.clones == 1 && stats.fetches == 1)
    }

    @Test func unchangedTipSkipsTheFetch() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        try origin.commit(["a": "1"])
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        #expect(try await mirror.sync() == .unchanged)
        #expect(try await mirror.sync() == .unchanged)
        let stats = await mirror.stats
        #expect(stats.fetches == 0)
        #expect(stats.skippedFetches == 2)
        #expect(stats.tipChecks == 3)
    }

    @Test func resolvesRevisionsLikeArgoCD() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        try git(["tag", "v1"], in: origin.work)
        try git(["tag", "-a", "v1-annotated", "-m", "annotated"], in: origin.work)
        try git(["push", "-q", "origin", "--tags"], in: origin.work)
        let c2 = try origin.commit(["a": "2"], branch: "feature")
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        let table: [(String, String)] = [
            ("HEAD", c1), ("", c1), ("main", c1), ("feature", c2), ("v1", c1), ("v1-annotated", c1),
            ("refs/tags/v1", c1), (c1, c1), (String(c1.prefix(7)), c1), (c1.uppercased(), c1),
        ]
        for (rev, want) in table {
            #expect(try await mirror.resolve(rev) == want, "revision \(rev)")
        }
        await #expect(throws: GitSourceError.self) { try await mirror.resolve("no-such-branch") }
        await #expect(throws: GitSourceError.self) { try await mirror.resolve("deadbeefdeadbeef") }
        await #expect(throws: GitSourceError.self) { try await mirror.resolve("feature~1") }  // not an Argo CD revision
    }

    @Test func overGitDaemon() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["apps/web/cm.yaml": "kind: ConfigMap\n"])
        let daemon = try gitDaemon(basePath: origin.base.path)
        defer { daemon.stop() }
        let mirror = GitMirror(url: daemon.gitURL + "/origin.git", path: origin.base.path + "/m")
        #expect(try await mirror.sync() == .cloned)
        #expect(try await mirror.resolve("HEAD") == c1)
        #expect(try await mirror.sync() == .unchanged)
        let c2 = try origin.commit(["apps/web/cm.yaml": "kind: ConfigMap\nmetadata: {}\n"])
        #expect(try await mirror.sync() == .fetched)
        #expect(try await mirror.resolve("main") == c2)
        let src = try await mirror.treeSource(commit: c2)
        #expect(String(decoding: try src.read("/apps/web/cm.yaml"), as: UTF8.self).contains("metadata"))
    }
}

@Suite("Mirror over smart HTTP with Basic auth")
struct HTTPMirrorTests {
    @Test func cloneAndFetchWithCredentials() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let server = try gitHTTPServer(root: origin.base.path, auth: "alice:s3cret")
        defer { server.stop() }
        let url = server.httpURL + "/origin.git"

        let denied = GitMirror(url: url, path: origin.base.path + "/denied", credentials: GitCredentials(username: "alice", password: "wrong"))
        let error = await #expect(throws: GitSourceError.self) { try await denied.sync() }
        #expect(error.map { "\($0)" }?.contains("s3cret") == false)

        let mirror = GitMirror(url: url, path: origin.base.path + "/m", credentials: GitCredentials(username: "alice", password: "s3cret"))
        #expect(try await mirror.sync() == .cloned)
        #expect(try await mirror.resolve("HEAD") == c1)
        #expect(try await mirror.sync() == .unchanged)
        let c2 = try origin.commit(["a": "2"])
        #expect(try await mirror.sync() == .fetched)
        #expect(try await mirror.resolve("main") == c2)
    }
}

extension HTTPMirrorTests {
    @Test func bearerToken() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let server = try gitHTTPServer(root: origin.base.path, auth: "bearer:tok-123")
        defer { server.stop() }
        let url = server.httpURL + "/origin.git"
        let mirror = GitMirror(url: url, path: origin.base.path + "/m", credentials: GitCredentials(bearerToken: "tok-123"))
        #expect(try await mirror.sync() == .cloned)
        #expect(try await mirror.sync() == .unchanged)
        #expect(try await mirror.resolve("HEAD") == c1)
        let denied = GitMirror(url: url, path: origin.base.path + "/d", credentials: GitCredentials(bearerToken: "wrong"))
        await #expect(throws: GitSourceError.self) { try await denied.sync() }
    }
}

@Suite("Mirror details: default branch moves, credentials kept out of the mirror config")
struct MirrorDetailTests {
    @Test func remoteDefaultBranchChangeIsFollowed() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        try origin.commit(["a": "1"])
        let other = try origin.commit(["b": "2"], branch: "release")
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        try git(["symbolic-ref", "HEAD", "refs/heads/release"], in: origin.origin)
        #expect(try await mirror.sync() == .fetched)
        #expect(try await mirror.resolve("HEAD") == other)
    }

    @Test func passwordInTheURLNeverReachesTheMirrorConfig() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["a": "1"])
        let server = try gitHTTPServer(root: origin.base.path, auth: "bob:p@ss")
        defer { server.stop() }
        let url = server.httpURL.replacingOccurrences(of: "http://", with: "http://bob:p%40ss@") + "/origin.git"
        let mirror = GitMirror(url: url, path: origin.base.path + "/m")
        #expect(try await mirror.sync() == .cloned)
        #expect(try await mirror.resolve("HEAD") == c1)
        let config = try String(contentsOfFile: origin.base.path + "/m/config", encoding: .utf8)
        #expect(!config.contains("p%40ss") && !config.contains("p@ss") && config.contains(server.httpURL))
    }

    @Test(arguments: [
        ("https://u:p%40w@h/x", "https://h/x", "u", "p@w"),
        ("https://tok@h/x", "https://h/x", "tok", nil),
        ("https://h/x@y", "https://h/x@y", nil, nil),
        ("git@h:o/r", "git@h:o/r", nil, nil),
    ] as [(String, String, String?, String?)])
    func splitUserInfo(input: String, url: String, user: String?, password: String?) {
        let got = RepoURL.splitUserInfo(input)
        #expect(got.url == url && got.username == user && got.password == password)
    }
}
