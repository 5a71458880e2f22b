import KealmYAML
import Testing

/// `JSON.equivalent` must agree with comparing the encoded text (what it replaces on the hub's
/// write path), and the string fast path must escape what JSON requires.
@Suite struct JSONEquivalenceTests {
    static let pairs: [(String, String)] = [
        (#"{"a":1,"b":"x"}"#, #"{"a":1,"b":"x"}"#),
        (#"{"a":1,"b":"x"}"#, #"{"b":"x","a":1}"#),
        (#"{"a":1}"#, #"{"a":"1"}"#),
        ("a: 1", #"{"a":1}"#),
        ("a: 1.0", "a: 1"),
        ("a: yes", #"{"a":"yes"}"#),
        ("a: true", #"{"a":true}"#),
        ("a: ~", #"{"a":null}"#),
        ("a: [1, 2]", #"{"a":[1,2]}"#),
        ("a: [1, 2]", #"{"a":[2,1]}"#),
        ("a: {b: {c: [x]}}", #"{"a":{"b":{"c":["x"]}}}"#),
        ("a: {b: {c: [x]}}", #"{"a":{"b":{"c":["y"]}}}"#),
        ("a: []", "a: {}"),
        ("a: 0x1F", "a: 31"),
        (#"{"a":"line\nbreak"}"#, #"{"a":"line\nbreak"}"#),
    ]

    @Test(arguments: pairs)
    func agreesWithEncoding(_ pair: (String, String)) throws {
        let a = try JSON.decode(pair.0), b = try JSON.decode(pair.1)
        #expect(JSON.equivalent(a, b) == (JSON.encode(a) == JSON.encode(b)), "\(pair.0) vs \(pair.1)")
    }

    @Test func stringsAreEscaped() throws {
        let node = YAMLNode.mapping([YAMLPair("k", .string("quote \" backslash \\ tab \t nl \n bell \u{07} é ✓"))])
        #expect(JSON.encode(node) == #"{"k":"quote \" backslash \\ tab \t nl \n bell \u0007 é ✓"}"#)
        #expect(JSON.encode(.string("plain ascii and ünïcode")) == #""plain ascii and ünïcode""#)
        #expect(try JSON.decode(JSON.encode(node)) == node || JSON.equivalent(try JSON.decode(JSON.encode(node)), node))
    }
}
