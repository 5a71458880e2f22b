import Foundation

/// Conversion between `YAMLNode` trees and JSON text.
///
/// Scalars are typed by `ScalarResolver`: plain `42` becomes a JSON number, quoted `"42"` a
/// string. Mapping order is kept both ways.
public enum JSON {
    /// Encodes a node as compact JSON.
    public static func encode(_ node: YAMLNode) -> String {
        String(decoding: encodeBytes(node), as: UTF8.self)
    }

    /// Encodes a node as compact JSON bytes (written into a byte buffer: appending small pieces
    /// to a `String` was the hub's hottest path).
    public static func encodeBytes(_ node: YAMLNode) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(node, into: &out)
        return out
    }

    /// Decodes JSON (or any YAML) text into a node tree.
    public static func decode(_ text: String, file: String? = nil) throws(YAMLError) -> YAMLNode {
        try YAMLParser.parse(text, file: file)
    }

    /// Decodes JSON (or any YAML) bytes into a node tree.
    public static func decode(_ bytes: [UInt8], file: String? = nil) throws(YAMLError) -> YAMLNode {
        let docs = try YAMLParser.parseStream(bytes, file: file)
        if docs.count > 1 { throw YAMLError(.syntax, "expected one document, found \(docs.count)", file: file) }
        return docs.first ?? .null
    }

    static func write(_ node: YAMLNode, into out: inout [UInt8]) {
        switch node {
        case .scalar(let s):
            if s.tag == nil && s.style != .plain {
                // Quoted or block scalars without a tag are strings: no resolution needed.
                writeString(s.value, into: &out)
                return
            }
            switch ScalarResolver.resolve(s) {
            case .null: out.append(contentsOf: "null".utf8)
            case .bool:
                out.append(contentsOf: ((ScalarResolver.boolValue(s.value) ?? (s.value.lowercased() == "true")) ? "true" : "false").utf8)
            case .int:
                if let i = ScalarResolver.intValue(s.value) { out.append(contentsOf: String(i).utf8) } else { writeString(s.value, into: &out) }
            case .float:
                if let d = Double(s.value), d.isFinite {
                    out.append(contentsOf: jsonNumber(fromYAMLFloat: s.value).utf8)
                } else {
                    writeString(s.value, into: &out)
                }
            case .string: writeString(s.value, into: &out)
            }
        case .mapping(let pairs):
            out.append(UInt8(ascii: "{"))
            var first = true
            for p in pairs {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(p.key.value, into: &out)
                out.append(UInt8(ascii: ":"))
                write(p.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for i in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(i, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Rewrites a YAML 1.2 float (`+.5`, `-.5e3`, `1.`) as a valid JSON number (`0.5`, `-0.5e3`, `1.0`).
    static func jsonNumber(fromYAMLFloat v: String) -> String {
        var text = Substring(v)
        var sign = ""
        if text.first == "+" { text = text.dropFirst() } else if text.first == "-" { sign = "-"; text = text.dropFirst() }
        var mantissa = text
        var exponent: Substring = ""
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = text[text.index(after: e)...]
        }
        var m = String(mantissa)
        if m.hasPrefix(".") { m = "0" + m }
        if m.hasSuffix(".") { m += "0" }
        // JSON forbids leading zeros in the integer part: 007.5 → 7.5
        while m.count > 1 && m.hasPrefix("0") && !m.hasPrefix("0.") { m.removeFirst() }
        if exponent.isEmpty { return sign + m }
        var exp = String(exponent)
        var expSign = ""
        if exp.first == "+" || exp.first == "-" { expSign = String(exp.removeFirst()) }
        return sign + m + "e" + expSign + exp
    }

    /// Writes a JSON string literal.
    public static func writeString(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        writeString(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a JSON string literal as UTF-8 bytes: runs that need no escape are copied whole.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buf in
            var start = 0
            for i in 0..<buf.count {
                let b = buf[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<buf.count]))
        }
        out.append(0x22)
    }
}
