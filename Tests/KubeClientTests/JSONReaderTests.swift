import KealmYAML
import Testing

@testable import KubeClient

@Suite struct JSONReaderTests {
    /// The reader builds the same tree as the libyaml-based `JSON.decode`.
    @Test(arguments: [
        #"{}"#, #"[]"#, #"{"a":1,"b":[true,false,null],"c":{"d":"x"}}"#,
        #"  {"n": -1.5e3, "z": 0, "big": 12345678901234}  "#,
        #"{"esc":"q\"b\\s\/n\nt\tu\u00e9\u003c","empty":""}"#,
        #"{"kind":"ConfigMapList","items":[{"metadata":{"name":"a","labels":{"x":"1"}},"data":{"k":"v: w"}}]}"#,
        #"{"s":"true","t":"42","u":"null","v":"~"}"#,
        #"["naïve", "日本", 3.0]"#,
    ])
    func matchesLibyaml(text: String) throws {
        let ours = try JSONReader.decode(Array(text.utf8))
        let theirs = try JSON.decode(text)
        #expect(ours == theirs)
        #expect(JSON.encode(ours) == JSON.encode(theirs))
    }

    /// libyaml refuses UTF-16 surrogate pairs; JSON allows them.
    @Test func surrogatePairs() throws {
        let node = try JSONReader.decode(Array(#"{"e":"\ud83d\ude00 ok"}"#.utf8))
        #expect(node.string(at: "e") == "\u{1F600} ok")
    }

    @Test(arguments: [#"{"a":}"#, #"{"a" 1}"#, #"[1,2"#, #""abc"#, #"{"a":1} x"#, #"{"a":"\x"}"#, #"nul"#, ""])
    func rejects(text: String) {
        #expect(throws: KubeError.self) { try JSONReader.decode(Array(text.utf8)) }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: KubeError.self) { try JSONReader.decode(Array(deep.utf8)) }
    }
}
