import Testing
@testable import KealmYAML

@Suite struct ParserTests {
    @Test func keepsOrderTagsAndStyles() throws {
        let docs = try YAMLParser.parseStream("b: 1\na: 'x'\nc: !!str 42\n---\n- q\n")
        #expect(docs.count == 2)
        #expect(docs[0].pairs?.map(\.key.value) == ["b", "a", "c"])
        #expect(docs[0]["a"]?.scalar?.style == .singleQuoted)
        #expect(docs[0]["c"]?.scalarKind == .string)
        #expect(docs[0]["b"]?.intValue == 1)
        #expect(docs[1].items?.count == 1)
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try YAMLParser.parseStream("a: b\n  c: d\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .syntax)
            #expect(error.description.hasPrefix("x.yaml:2:"))
        }
    }

    @Test func refusesAliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i-1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(throws: YAMLError.self) { try YAMLParser.parseStream(text) }
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: YAMLError.self) { try YAMLParser.parseStream(text) }
    }

    @Test func refusesDuplicateKeys() {
        #expect(throws: YAMLError.self) { try YAMLParser.parseStream("a: 1\na: 2\n") }
    }

    @Test func jsonRoundTrip() throws {
        let node = try YAMLParser.parse("a: 1\nb: \"2\"\nc: [true, null, 1.5]\nd: {e: f}\n")
        #expect(JSON.encode(node) == #"{"a":1,"b":"2","c":[true,null,1.5],"d":{"e":"f"}}"#)
        #expect(try JSON.decode(JSON.encode(node)) == JSON.decode(JSON.encode(node)))
    }
}
