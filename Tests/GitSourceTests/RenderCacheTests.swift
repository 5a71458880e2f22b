import Foundation
import Overlay
import Synchronization
import Testing

@testable import GitSource

/// Counts how often the render closure runs.
final class RunCounter: Sendable {
    private let value = Mutex(0)
    func bump() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

@Suite("RenderCache: reuse when the inputs read are unchanged")
struct RenderCacheTests {
    /// A stand-in engine: reads the kustomization (either spelling) and the files it lists.
    static func fakeRender(_ fs: any FileSource, counter: RunCounter) throws -> String {
        counter.bump()
        var name = "/app/kustomization.yaml"
        if try fs.entry(at: "/app/kustomization.yml") != nil { name = "/app/kustomization.yml" }
        let listed = String(decoding: try fs.read(name), as: UTF8.self).split(separator: "\n")
        return try listed.map { String(decoding: try fs.read("/app/" + $0), as: UTF8.self) }.joined()
    }

    @Test func unchangedInputsServedFromCacheWithoutRendering() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        let cache = RenderCache<String>(capacity: 10)
        let slot = RenderSlot(repository: origin.url, path: "/app", engineVersion: "test-1")
        let counter = RunCounter()
        func renderAt(_ commit: String, hard: Bool = false) async throws -> CachedRender<String> {
            try await mirror.sync()
            let src = try await mirror.treeSource(commit: commit)
            return try cache.render(slot, source: src, hard: hard) { try Self.fakeRender($0, counter: counter) }
        }

        let c1 = try origin.commit(["app/kustomization.yaml": "cm.yaml\n", "app/cm.yaml": "a\n", "other/x": "1"])
        #expect(try await renderAt(c1).output == "a\n")
        #expect(counter.count == 1)

        // A commit elsewhere in the repository: served from cache, the render closure does not run.
        let c2 = try origin.commit(["other/x": "2", "other/new": "n"])
        let hit = try await renderAt(c2)
        #expect(hit.fromCache && hit.output == "a\n")
        #expect(counter.count == 1)

        // A file the render read changes: rendered again.
        let c3 = try origin.commit(["app/cm.yaml": "b\n"])
        #expect(try await renderAt(c3).output == "b\n")
        #expect(counter.count == 2)

        // A file that was looked for and absent appears: rendered again.
        let c4 = try origin.commit(["app/kustomization.yml": "cm.yaml\nextra.yaml\n", "app/extra.yaml": "e\n"])
        #expect(try await renderAt(c4).output == "b\ne\n")
        #expect(counter.count == 3)

        // Going back to an older commit reuses its entry; a hard refresh drops it.
        #expect(try await renderAt(c1).fromCache)
        #expect(counter.count == 3)
        #expect(try await renderAt(c1, hard: true).fromCache == false)
        #expect(counter.count == 4)
    }

    @Test func differentEngineVersionOrOptionsDoNotShare() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["app/kustomization.yaml": "cm.yaml\n", "app/cm.yaml": "a\n"])
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        let src = try await mirror.treeSource(commit: c1)
        let cache = RenderCache<String>(capacity: 2)
        let counter = RunCounter()
        let slots = [
            RenderSlot(repository: origin.url, path: "/app", engineVersion: "1"),
            RenderSlot(repository: origin.url, path: "/app", engineVersion: "2"),
            RenderSlot(repository: origin.url, path: "/app", engineVersion: "1", options: "helm=false"),
        ]
        for slot in slots {
            _ = try cache.render(slot, source: src) { try Self.fakeRender($0, counter: counter) }
        }
        #expect(counter.count == 3)
        #expect(cache.entryCount == 2)  // LRU bound: the first slot's entry was evicted
        _ = try cache.render(slots[2], source: src) { try Self.fakeRender($0, counter: counter) }
        #expect(counter.count == 3)
        _ = try cache.render(slots[0], source: src) { try Self.fakeRender($0, counter: counter) }
        #expect(counter.count == 4)
    }

    @Test func renderedSizeLimit() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let c1 = try origin.commit(["app/kustomization.yaml": "cm.yaml\n", "app/cm.yaml": String(repeating: "y", count: 100)])
        let mirror = GitMirror(url: origin.url, path: origin.base.path + "/m")
        try await mirror.sync()
        let src = try await mirror.treeSource(commit: c1)
        let cache = RenderCache<String>(maxOutputBytes: 50, size: { $0.utf8.count })
        let counter = RunCounter()
        let slot = RenderSlot(repository: origin.url, path: "/app", engineVersion: "1")
        let error = #expect(throws: GitSourceError.self) {
            _ = try cache.render(slot, source: src) { try Self.fakeRender($0, counter: counter) }
        }
        #expect(error?.description.contains("over the limit of 50 bytes") == true)
        #expect(cache.entryCount == 0)
    }
}
