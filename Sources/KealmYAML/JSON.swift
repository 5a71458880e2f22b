import Foundation

/// Conversion between `YAMLNode` trees and JSON text.
///
/// Scalars are typed by `ScalarResolver`: plain `42` becomes a JSON number, quoted `"42"` a
/// string. Mapping order is kept both ways.
public enum JSON {
    /// Encodes a node as compact JSON.
    public static func encode(_ node: YAMLNode) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(node, into: &out)
        return out
    }

    /// Encodes a node as compact JSON bytes.
    public static func encodeBytes(_ node: YAMLNode) -> [UInt8] { Array(encode(node).utf8) }

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

    static func write(_ node: YAMLNode, into out: inout String) {
        switch node {
        case .scalar(let s):
            switch ScalarResolver.resolve(s) {
            case .null: out += "null"
            case .bool: out += (ScalarResolver.boolValue(s.value) ?? (s.value.lowercased() == "true")) ? "true" : "false"
            case .int:
                if let i = ScalarResolver.intValue(s.value) { out += String(i) } else { writeString(s.value, into: &out) }
            case .float:
                if let d = Double(s.value), d.isFinite {
                    out += jsonNumber(fromYAMLFloat: s.value)
                } else {
                    writeString(s.value, into: &out)
                }
            case .string: writeString(s.value, into: &out)
            }
        case .mapping(let pairs):
            out += "{"
            var first = true
            for p in pairs {
                if !first { out += "," }
                first = false
                writeString(p.key.value, into: &out)
                out += ":"
                write(p.value, into: &out)
            }
            out += "}"
        case .sequence(let items):
            out += "["
            var first = true
            for i in items {
                if !first { out += "," }
                first = false
                write(i, into: &out)
            }
            out += "]"
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
        out += "\""
        // Most strings need no escape: copied whole (scalar by scalar was a hot spot of the hub).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
