import Foundation
import Overlay
import Testing

@testable import GitSource

@Suite("GitTreeFileSource: reading a commit without checkout")
struct TreeSourceTests {
    /// A repository with files, a directory, symlinks (inside, escaping, absolute, to a dir) and a submodule.
    static func makeRepo() async throws -> (OriginRepo, GitTreeFileSource) {
        let origin = try OriginRepo()
        try FileManager.default.createDirectory(atPath: origin.work + "/base", withIntermediateDirectories: true)
        try "kind: ConfigMap\n".write(toFile: origin.work + "/base/cm.yaml", atomically: true, encoding: .utf8)
        try "resources: [cm.yaml]\n".write(
            toFile: origin.work + "/base/kustomization.yaml", atomically: true, encoding: .utf8)
        try origin.symlink("base/link.yaml", to: "cm.yaml")
        try origin.symlink("base-link", to: "base")
        try origin.symlink("escape.yaml", to: "../../etc/passwd")
        try origin.symlink("absolute.yaml", to: "/etc/passwd")
        try origin.symlink("loop-a", to: "loop-b")
        try origin.symlink("loop-b", to: "loop-a")
        let sub = try OriginRepo()
        let subCommit = try sub.commit(["x": "1"])
        try git(["add", "-A"], in: origin.work)
        try git(["update-index", "--add", "--cacheinfo", "160000,\(subCommit),vendor/sub"], in: origin.work)
        try git(["commit", "-q", "-m", "tree"], in: origin.work)
        try git(["push", "-q", "origin", "HEAD:refs/heads/main"], in: origin.work)
        let commit = try git(["rev-parse", "HEAD"], in: origin.work)
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        sub.base.cleanup()
        return (origin, try await mirror.treeSource(commit: commit))
    }

    @Test func entriesReportKinds() async throws {
        let (origin, src) = try await Self.makeRepo()
        defer { origin.base.cleanup() }
        let table: [(String, FileEntry?)] = [
            ("/", .directory), ("/base", .directory), ("/base/", .directory), ("/base/cm.yaml", .file),
            ("/base/link.yaml", .symlink(target: "cm.yaml")), ("/base-link", .symlink(target: "base")),
            ("/escape.yaml", .symlink(target: "../../etc/passwd")), ("/absolute.yaml", .symlink(target: "/etc/passwd")),
            ("/vendor/sub", .submodule), ("/missing", nil), ("/base/cm.yaml/x", nil),
            ("/base-link/cm.yaml", .file), ("/base/../base/./cm.yaml", .file),
        ]
        for (path, want) in table {
            #expect(try src.entry(at: path) == want, "entry(at: \(path))")
        }
    }

    @Test func readsAndListsFollowingLinksInsideTheTree() async throws {
        let (origin, src) = try await Self.makeRepo()
        defer { origin.base.cleanup() }
        #expect(try src.read("/base/cm.yaml") == Array("kind: ConfigMap\n".utf8))
        #expect(try src.read("/base/link.yaml") == Array("kind: ConfigMap\n".utf8))
        #expect(try src.read("/base-link/cm.yaml") == Array("kind: ConfigMap\n".utf8))
        #expect(try src.list("/base") == ["cm.yaml", "kustomization.yaml", "link.yaml"])
        #expect(try src.list("/base-link") == ["cm.yaml", "kustomization.yaml", "link.yaml"])
        #expect(try src.list("/").contains("vendor"))
    }

    @Test func escapingLinksLoopsAndSubmodulesAreClearErrors() async throws {
        let (origin, src) = try await Self.makeRepo()
        defer { origin.base.cleanup() }
        for path in ["/escape.yaml", "/absolute.yaml"] {
            let error = #expect(throws: GitSourceError.self) { try src.read(path) }
            #expect(error?.category == .forbidden)
            #expect(error?.description.contains("escapes the repository tree") == true)
        }
        let loop = #expect(throws: GitSourceError.self) { try src.read("/loop-a") }
        #expect(loop?.description.contains("too many levels") == true)
        let sub = #expect(throws: GitSourceError.self) { try src.read("/vendor/sub") }
        #expect(sub?.description.contains("submodule") == true)
        let missing = #expect(throws: GitSourceError.self) { try src.read("/nope") }
        #expect(missing?.category == .notFound)
    }

    @Test func fileSizeLimit() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c = try origin.commit(["big": String(repeating: "x", count: 5000)])
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m", limits: GitLimits(maxFileBytes: 1000))
        try await mirror.sync()
        let src = try await mirror.treeSource(commit: c)
        let error = #expect(throws: GitSourceError.self) { try src.read("/big") }
        #expect(error?.description.contains("over the limit of 1000 bytes") == true)
    }

    @Test func recordingSourceRecordsObservations() async throws {
        let (origin, src) = try await Self.makeRepo()
        defer { origin.base.cleanup() }
        let rec = RecordingFileSource(src)
        _ = try rec.read("/base/kustomization.yaml")
        _ = try rec.entry(at: "/base/kustomization.yml")
        _ = try rec.list("/base")
        let inputs = rec.inputs.observations
        #expect(inputs[.entry("/base/kustomization.yml")] == .absent)
        #expect(inputs[.list("/base")] == .listing(["cm.yaml", "kustomization.yaml", "link.yaml"]))
        guard case .content(let blob)? = inputs[.read("/base/kustomization.yaml")] else {
            Issue.record("no blob id recorded")
            return
        }
        #expect(blob.count == 40)
        #expect(rec.inputs.stillHold(in: src))
    }
}
