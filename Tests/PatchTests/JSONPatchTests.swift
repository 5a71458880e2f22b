import KealmYAML
import Patch
import Testing

/// RFC 6902 appendix A examples plus Kubernetes-flavoured cases.
@Suite("JSONPatch")
struct JSONPatchTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let doc: String
        let patch: String
        /// Expected document, or "ERROR <op index> <path>".
        let expected: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "A.1 add object member", doc: #"{"foo": "bar"}"#, patch: #"[{"op": "add", "path": "/baz", "value": "qux"}]"#,
            expected: #"{"baz": "qux", "foo": "bar"}"#),
        Row(name: "A.2 add array element", doc: #"{"foo": ["bar", "baz"]}"#, patch: #"[{"op": "add", "path": "/foo/1", "value": "qux"}]"#,
            expected: #"{"foo": ["bar", "qux", "baz"]}"#),
        Row(name: "A.3 remove object member", doc: #"{"baz": "qux", "foo": "bar"}"#, patch: #"[{"op": "remove", "path": "/baz"}]"#,
            expected: #"{"foo": "bar"}"#),
        Row(name: "A.4 remove array element", doc: #"{"foo": ["bar", "qux", "baz"]}"#, patch: #"[{"op": "remove", "path": "/foo/1"}]"#,
            expected: #"{"foo": ["bar", "baz"]}"#),
        Row(name: "A.5 replace", doc: #"{"baz": "qux", "foo": "bar"}"#, patch: #"[{"op": "replace", "path": "/baz", "value": "boo"}]"#,
            expected: #"{"baz": "boo", "foo": "bar"}"#),
        Row(name: "A.6 move value",
            doc: #"{"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}"#,
            patch: #"[{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]"#,
            expected: #"{"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}"#),
        Row(name: "A.7 move array element", doc: #"{"foo": ["all", "grass", "cows", "eat"]}"#,
            patch: #"[{"op": "move", "from": "/foo/1", "path": "/foo/3"}]"#,
            expected: #"{"foo": ["all", "cows", "eat", "grass"]}"#),
        Row(name: "A.8 test success", doc: #"{"baz": "qux", "foo": ["a", 2, "c"]}"#,
            patch: #"[{"op": "test", "path": "/baz", "value": "qux"}, {"op": "test", "path": "/foo/1", "value": 2}]"#,
            expected: #"{"baz": "qux", "foo": ["a", 2, "c"]}"#),
        Row(name: "A.9 test failure", doc: #"{"baz": "qux"}"#, patch: #"[{"op": "test", "path": "/baz", "value": "bar"}]"#,
            expected: "ERROR 0 /baz"),
        Row(name: "A.10 add nested member", doc: #"{"foo": "bar"}"#,
            patch: #"[{"op": "add", "path": "/child", "value": {"grandchild": {}}}]"#,
            expected: #"{"foo": "bar", "child": {"grandchild": {}}}"#),
        Row(name: "A.12 add to nonexistent target", doc: #"{"foo": "bar"}"#,
            patch: #"[{"op": "add", "path": "/baz/bat", "value": "qux"}]"#, expected: "ERROR 0 /baz/bat"),
        Row(name: "A.14 ~ escape ordering", doc: #"{"/": 9, "~1": 10}"#,
            patch: #"[{"op": "test", "path": "/~01", "value": 10}]"#, expected: #"{"/": 9, "~1": 10}"#),
        Row(name: "A.15 comparing strings and numbers", doc: #"{"/": 9, "~1": 10}"#,
            patch: #"[{"op": "test", "path": "/~01", "value": "10"}]"#, expected: "ERROR 0 /~01"),
        Row(name: "A.16 add array value", doc: #"{"foo": ["bar"]}"#,
            patch: #"[{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}]"#, expected: #"{"foo": ["bar", ["abc", "def"]]}"#),
        Row(name: "slash escape", doc: #"{"metadata": {"annotations": {"a/b": "1"}}}"#,
            patch: #"[{"op": "replace", "path": "/metadata/annotations/a~1b", "value": "2"}]"#,
            expected: #"{"metadata": {"annotations": {"a/b": "2"}}}"#),
        Row(name: "replace below a missing key is an error naming op 1", doc: #"{"a": 1}"#,
            patch: #"[{"op": "add", "path": "/b", "value": 2}, {"op": "replace", "path": "/c/d", "value": 3}]"#,
            expected: "ERROR 1 /c/d"),
        Row(name: "remove missing index", doc: #"{"a": [1]}"#, patch: #"[{"op": "remove", "path": "/a/3"}]"#, expected: "ERROR 0 /a/3"),
        Row(name: "negative index from the end", doc: #"{"a": [1, 2, 3]}"#, patch: #"[{"op": "remove", "path": "/a/-1"}]"#,
            expected: #"{"a": [1, 2]}"#),
        Row(name: "copy", doc: #"{"a": {"x": 1}}"#, patch: #"[{"op": "copy", "from": "/a", "path": "/b"}]"#,
            expected: #"{"a": {"x": 1}, "b": {"x": 1}}"#),
        Row(name: "move into own child is an error", doc: #"{"a": {"x": 1}}"#,
            patch: #"[{"op": "move", "from": "/a", "path": "/a/x/y"}]"#, expected: "ERROR 0 /a/x/y"),
        Row(name: "replace the root", doc: #"{"a": 1}"#, patch: #"[{"op": "replace", "path": "", "value": {"b": 2}}]"#,
            expected: #"{"b": 2}"#),
        Row(name: "container image in YAML form",
            doc: "spec: {template: {spec: {containers: [{name: a, image: 'nginx:1'}]}}}",
            patch: "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: nginx:2\n",
            expected: "spec: {template: {spec: {containers: [{name: a, image: 'nginx:2'}]}}}"),
        Row(name: "unknown op", doc: "{}", patch: #"[{"op": "frob", "path": "/a"}]"#, expected: "ERROR 0 /a"),
        Row(name: "bad pointer", doc: "{}", patch: #"[{"op": "add", "path": "a", "value": 1}]"#, expected: "ERROR 0 a"),
    ]

    @Test(arguments: rows)
    func table(_ r: Row) throws {
        if r.expected.hasPrefix("ERROR") {
            let parts = r.expected.split(separator: " ", omittingEmptySubsequences: false)
            do {
                _ = try JSONPatch.apply(yaml(r.patch), to: yaml(r.doc))
                Issue.record("expected an error")
            } catch let e as PatchError {
                #expect(e.operation == Int(parts[1]))
                #expect(e.path == String(parts[2]))
            }
            return
        }
        #expect(canon(try JSONPatch.apply(yaml(r.patch), to: yaml(r.doc))) == canon(yaml(r.expected)))
    }

    /// Checked against kubectl kustomize (json-patch v5) and the API server's json-patch v4.
    @Test func replaceOfAMissingKeyDependsOnTheDialect() throws {
        let doc = yaml("{data: {a: '1'}, list: [1, 2, 3]}")
        let patch = yaml(#"[{"op": "replace", "path": "/data/zz", "value": "x"}]"#)
        #expect(canon(try JSONPatch.apply(patch, to: doc)) == canon(yaml("{data: {a: '1', zz: x}, list: [1, 2, 3]}")))
        #expect(throws: PatchError.self) { try JSONPatch.apply(patch, to: doc, dialect: .apiServer) }
        // Out-of-range list items stay errors in both.
        #expect(throws: PatchError.self) { try JSONPatch.apply(yaml(#"[{"op": "replace", "path": "/list/5", "value": 0}]"#), to: doc) }
        // `/list/-1` appends on add, `/list/01` is item 1.
        #expect(canon(try JSONPatch.apply(yaml(#"[{"op": "add", "path": "/list/-1", "value": 9}]"#), to: doc)) == canon(yaml("{data: {a: '1'}, list: [1, 2, 3, 9]}")))
        #expect(canon(try JSONPatch.apply(yaml(#"[{"op": "replace", "path": "/list/01", "value": 7}]"#), to: doc)) == canon(yaml("{data: {a: '1'}, list: [1, 7, 3]}")))
    }

    @Test func pointerRoundTrip() {
        let p = JSONPointer("/a~1b/~0c/0")!
        #expect(p.tokens == ["a/b", "~c", "0"])
        #expect(p.description == "/a~1b/~0c/0")
        #expect(JSONPointer("nope") == nil)
        #expect(JSONPointer("")!.tokens.isEmpty)
    }

    @Test func errorMessageNamesOperationAndPath() {
        do {
            _ = try JSONPatch.apply(yaml(#"[{"op": "remove", "path": "/x"}]"#), to: yaml("{}"))
        } catch {
            #expect("\(error)" == "operation 0: /x: no key 'x' to remove")
        }
    }
}

/// RFC 7386 appendix A examples.
@Suite("MergePatch")
struct MergePatchTests {
    static let rows: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test(arguments: 0..<rows.count)
    func rfcExamples(_ i: Int) {
        let (target, patch, expected) = Self.rows[i]
        #expect(canon(MergePatch.apply(yaml(patch), to: yaml(target))) == canon(yaml(expected)))
    }

    @Test func diffRoundTrips() {
        let a = yaml("{a: 1, b: {c: 2, d: 3}, l: [1]}")
        let b = yaml("{a: 1, b: {c: 5}, l: [1, 2], n: x}")
        let d = MergePatch.diff(from: a, to: b)!
        #expect(canon(d) == canon(yaml("{b: {c: 5, d: null}, l: [1, 2], n: x}")))
        #expect(canon(MergePatch.apply(d, to: a)) == canon(b))
        #expect(MergePatch.diff(from: a, to: a) == nil)
    }
}
