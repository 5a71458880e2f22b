import Foundation
import Testing

@testable import GitSource

@Suite("Robustness: size limits, concurrent readers")
struct RobustnessTests {
    /// Incompressible text, so the pack is about as large as the content.
    static func noise(_ bytes: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<bytes).map { _ in "0123456789abcdefghijklmnopqrstuvwxyz".randomElement(using: &rng)! })
    }

    @Test func repositorySizeLimitAbortsTheTransfer() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        try origin.commit(["big.txt": Self.noise(200_000)])
        let daemon = try gitDaemon(basePath: origin.base.path)
        defer { daemon.stop() }
        let mirror = GitMirror(
            url: daemon.gitURL + "/origin.git", path: origin.base.path + "/m", limits: GitLimits(maxRepositoryBytes: 50_000))
        let error = await #expect(throws: GitSourceError.self) { try await mirror.sync() }
        #expect(error?.description.contains("larger than the limit of 50000 bytes") == true)
        #expect(!FileManager.default.fileExists(atPath: origin.base.path + "/m"))  // nothing half-written left
    }

    @Test func readersRunWhileTheMirrorFetches() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["app/cm.yaml": "v1\n"])
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        let source = try await mirror.treeSource(commit: c1)
        var many: [String: String?] = [:]
        for i in 0..<300 { many["bulk/\(i).txt"] = Self.noise(2_000) }
        let c2 = try origin.commit(many)

        async let fetched = mirror.sync()
        // Many concurrent readers of the old commit while the fetch runs on the mirror's queue.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<50 {
                        let bytes = try source.read("/app/cm.yaml")
                        #expect(bytes == Array("v1\n".utf8))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await fetched == .fetched)
        #expect(try await mirror.resolve("HEAD") == c2)
        #expect(try await mirror.treeSource(commit: c2).list("/bulk").count == 300)
    }
}
