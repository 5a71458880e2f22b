import Foundation
import KealmYAML
import Testing
@testable import Overlay

/// One table case per builtin transformer and generator: a small kustomization and the bytes
/// `kubectl kustomize` (kustomize v5.5.0) printed for it (`Golden/<case>/expected.yaml`).
/// To regenerate after changing an input: `cd Golden/<case> && kubectl kustomize . > expected.yaml`.
@Suite struct GoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: golden.path).sorted()) ?? []

    @Test(arguments: cases)
    func rendersLikeKustomize(name: String) throws {
        var fs = MemoryFileSource()
        try fs.load(disk: Self.golden.appendingPathComponent(name), at: "/repo")
        let expected = String(decoding: try fs.read("/repo/expected.yaml"), as: UTF8.self)
        let docs = try Renderer.render(directory: "/repo", source: fs)
        #expect(try YAMLEmitter.emit(docs) == expected)
    }

    @Test func everyTransformerHasACase() {
        let covered = Set(Self.cases)
        for t in BuiltinTransformer.order where t != .patches {
            #expect(covered.contains(t.rawValue) || (t == .labels && covered.contains("commonLabels")), "no golden case for \(t)")
        }
    }
}
