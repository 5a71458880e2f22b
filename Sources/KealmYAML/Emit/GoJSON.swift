/// JSON text as Go's `encoding/json` writes it for decoded YAML: object keys sorted by bytes,
/// `<`, `>`, `&`, U+2028 and U+2029 escaped, numbers in Go's float format.
/// kustomize hashes this text to name generated ConfigMaps and Secrets.
public enum GoJSON {
    /// Encodes a node; scalars are typed as a YAML 1.2 reader types them.
    public static func encode(_ node: YAMLNode) -> String {
        var out = ""
        write(node, into: &out)
        return out
    }

    static func write(_ node: YAMLNode, into out: inout String) {
        switch node {
        case .scalar(let s):
            switch OutputScalar.decode(s) {
            case .null: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .int(let t): out += t
            case .float(let d): out += d.isFinite ? GoFloat.jsonText(d) : "null"
            case .string(let str): writeString(str, into: &out)
            }
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .mapping(let pairs):
            var seen: [String: YAMLNode] = [:]
            for p in pairs { seen[p.key.value] = p.value }
            out += "{"
            for (i, k) in seen.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }).enumerated() {
                if i > 0 { out += "," }
                writeString(k, into: &out)
                out += ":"
                write(seen[k]!, into: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal with Go's escaping.
    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
