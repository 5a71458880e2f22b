import Foundation
import Testing
@testable import KealmYAML

@Suite struct EmitterTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Inputs and the bytes `kubectl kustomize` printed for them (kustomize v5.5.0).
    @Test(arguments: ["scalars1", "scalars2"])
    func matchesKustomizeOutput(name: String) throws {
        let input = try String(contentsOf: Self.golden.appendingPathComponent("\(name).in.yaml"), encoding: .utf8)
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("\(name).out.yaml"), encoding: .utf8)
        let docs = try YAMLParser.parseStream(input)
        #expect(try YAMLEmitter.emit(docs) == expected)
    }

    @Test(arguments: [
        ("a: 'yes'", "a: \"yes\"\n"),
        ("a: \"1\"", "a: \"1\"\n"),
        ("a: \"0123\"", "a: \"0123\"\n"),
        ("a: 1.0", "a: 1\n"),
        ("a: 012", "a: 10\n"),
        ("a: 1234567.5", "a: 1.2345675e+06\n"),
        ("a: 0.5", "a: 0.5\n"),
        ("n: x", "\"n\": x\n"),
        ("a: \"12:30\"", "a: \"12:30\"\n"),
        ("a: \"\"", "a: \"\"\n"),
        ("a: ~", "a: null\n"),
        ("a: []", "a: []\n"),
        ("b: 1\na: 2", "a: 2\nb: 1\n"),
        ("a: [x, y]", "a:\n- x\n- \"y\"\n"),
    ])
    func scalarAndLayoutRules(input: String, expected: String) throws {
        #expect(try YAMLEmitter.emit(YAMLParser.parseStream(input)) == expected)
    }

    @Test func separatesDocumentsWithoutLeadingMarker() throws {
        let docs = try YAMLParser.parseStream("a: 1\n---\nb: 2\n")
        #expect(try YAMLEmitter.emit(docs) == "a: 1\n---\nb: 2\n")
    }

    @Test(arguments: [("a9", "a10"), ("_x", "A"), ("A", "a"), ("-", "a"), ("x1", "x01b")])
    func naturalKeyOrder(a: String, b: String) {
        #expect(KeyOrder.less(a, b))
        #expect(!KeyOrder.less(b, a))
    }
}
