import KealmYAML

/// A linear-time JSON decoder into `YAMLNode`, for API responses and watch events (a list of
/// 10,000 objects is one multi-megabyte line).
///
/// It builds the same tree `JSON.decode` builds through libyaml: strings become double-quoted
/// scalars, numbers, booleans and null plain scalars with their literal text, key order kept.
public enum JSONReader {
    /// The deepest nesting accepted.
    public static let maxDepth = 512

    /// Decodes one JSON value (surrounding whitespace allowed).
    public static func decode(_ bytes: [UInt8]) throws(KubeError) -> YAMLNode {
        let result: Result<YAMLNode, KubeError> = bytes.withUnsafeBufferPointer { buf in
            var r = Reader(b: buf, i: 0)
            do throws(KubeError) {
                r.skipSpace()
                let v = try r.value(depth: 0)
                r.skipSpace()
                if r.i != buf.count { throw r.fail("unexpected text after the JSON value") }
                return .success(v)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i: Int

        func fail(_ message: String) -> KubeError {
            KubeError(kind: .decode, category: .internal, message: "invalid JSON at byte \(i): \(message)")
        }

        mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws(KubeError) -> YAMLNode {
            guard depth < JSONReader.maxDepth else { throw fail("nested deeper than \(JSONReader.maxDepth)") }
            guard i < b.count else { throw fail("unexpected end") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [YAMLPair] = []
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "}") {
                    i += 1
                    return .mapping(pairs)
                }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                    let key = try string()
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    i += 1
                    skipSpace()
                    pairs.append(YAMLPair(key: YAMLScalar(key, style: .doubleQuoted), value: try value(depth: depth + 1)))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end in an object") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .mapping(pairs) }
                    throw fail("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [YAMLNode] = []
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") {
                    i += 1
                    return .sequence(items)
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end in an array") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .sequence(items) }
                    throw fail("expected ',' or ']'")
                }
            case UInt8(ascii: "\""):
                return .scalar(YAMLScalar(try string(), style: .doubleQuoted))
            case UInt8(ascii: "t"): return try literal("true")
            case UInt8(ascii: "f"): return try literal("false")
            case UInt8(ascii: "n"): return try literal("null")
            default:
                let start = i
                while i < b.count {
                    let c = b[i]
                    if (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                    {
                        i += 1
                    } else {
                        break
                    }
                }
                guard i > start else { throw fail("unexpected character") }
                return .scalar(YAMLScalar(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)))
            }
        }

        mutating func literal(_ word: StaticString) throws(KubeError) -> YAMLNode {
            let n = word.utf8CodeUnitCount
            guard i + n <= b.count else { throw fail("unexpected end") }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { throw fail("unexpected word") }
            i += n
            return .scalar(YAMLScalar(String(describing: word)))
        }

        /// Reads a string starting at the opening quote.
        mutating func string() throws(KubeError) -> String {
            i += 1
            let start = i
            while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < b.count else { throw fail("unterminated string") }
            if b[i] == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var out = Array(b[start..<i])
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") {
                    i += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c != UInt8(ascii: "\\") {
                    out.append(c)
                    i += 1
                    continue
                }
                i += 1
                guard i < b.count else { break }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00, i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw fail("invalid escape")
                }
            }
            throw fail("unterminated string")
        }

        mutating func hex4() throws(KubeError) -> UInt32 {
            guard i + 4 <= b.count else { throw fail("short \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = b[i]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("invalid \\u escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
