import KealmYAML

/// Small helpers to build JSON response text.
enum JSONText {
    static func encode(_ node: YAMLNode) -> String { JSON.encode(node) }

    static func str(_ s: String) -> String {
        var out = ""
        JSON.writeString(s, into: &out)
        return out
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    static func strings(_ items: [String]) -> String { array(items.map(str)) }

    /// An object from already-encoded values, in the given order.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { str($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
