import KealmYAML

/// An RFC 6901 JSON pointer: `""` is the whole document, `/a/b~1c/0` names `a`, then `b/c`, then
/// item 0. `~1` stands for `/` and `~0` for `~`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses a pointer; nil when it is neither empty nor starts with `/`.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The pointer text, escaped.
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// The parent pointer (the root's parent is the root).
    public var parent: JSONPointer { JSONPointer(tokens: Array(tokens.dropLast())) }

    /// True when `self` is `other` or lies below it.
    public func hasPrefix(_ other: JSONPointer) -> Bool {
        tokens.count >= other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }

    /// The value this pointer names in `document`, or nil. A list index may be negative (from the end).
    public func value(in document: YAMLNode) -> YAMLNode? {
        var cur = document
        for t in tokens {
            switch cur {
            case .mapping:
                guard let next = cur[t] else { return nil }
                cur = next
            case .sequence(let items):
                guard let i = JSONPointer.index(t, count: items.count) else { return nil }
                cur = items[i]
            case .scalar:
                return nil
            }
        }
        return cur
    }

    /// An existing item's index from a token (`0`, `12`, or negative from the end); nil when out of range.
    static func index(_ token: String, count: Int) -> Int? {
        guard var i = Int(token), token.first != "+" else { return nil }
        if i < 0 { i += count }
        return i >= 0 && i < count ? i : nil
    }
}
