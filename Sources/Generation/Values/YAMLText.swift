import KealmYAML

/// Block YAML text for template values, shaped like `sigs.k8s.io/yaml` output (what Argo CD's
/// `toYaml` prints): keys sorted, two-space indentation, sequences not indented under their key,
/// strings single-quoted when they would read as another type.
enum YAMLText {
    static func emit(_ v: TemplateValue) -> String {
        var out = ""
        write(v, indent: 0, into: &out, inSequence: false)
        return out
    }

    static func scalar(_ v: TemplateValue) -> String? {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double: return v.goString
        case .string(let s): return quote(s)
        case .list(let l): return l.isEmpty ? "[]" : nil
        case .map(let m): return m.isEmpty ? "{}" : nil
        }
    }

    static func quote(_ s: String) -> String {
        if s.contains("\n") { return "|-" }
        let special = s.contains(": ") || s.contains(" #") || s.hasSuffix(":")
        let first = s.first.map { "-?:,[]{}#&*!|>'\"%@`".contains($0) || $0 == " " } ?? true
        if s.isEmpty || special || first || s.last == " " || ScalarResolver.resolvePlain(s) != .string
            || ScalarResolver.isAmbiguousYAML11(s)
        {
            return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return s
    }

    static func write(_ v: TemplateValue, indent: Int, into out: inout String, inSequence: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch v {
        case .map(let m) where !m.isEmpty:
            for (i, k) in m.keys.sorted().enumerated() {
                let prefix = (inSequence && i == 0) ? "" : pad
                entry(prefix + quote(k), m[k]!, indent: indent, into: &out)
            }
        case .list(let l) where !l.isEmpty:
            for (i, x) in l.enumerated() {
                let prefix = (inSequence && i == 0) ? "" : pad
                if let s = scalar(x) {
                    out += prefix + "- " + block(s, x, indent: indent + 2) + "\n"
                } else {
                    out += prefix + "- "
                    write(x, indent: indent + 2, into: &out, inSequence: true)
                }
            }
        default:
            out += block(scalar(v) ?? "", v, indent: indent) + "\n"
        }
    }

    static func entry(_ key: String, _ value: TemplateValue, indent: Int, into out: inout String) {
        if let s = scalar(value) {
            out += key + ": " + block(s, value, indent: indent + 2) + "\n"
        } else if case .list = value {
            out += key + ":\n"
            write(value, indent: indent, into: &out, inSequence: false)
        } else {
            out += key + ":\n"
            write(value, indent: indent + 2, into: &out, inSequence: false)
        }
    }

    static func block(_ s: String, _ v: TemplateValue, indent: Int) -> String {
        guard s == "|-", case .string(let text) = v else { return s }
        let pad = String(repeating: " ", count: indent)
        return "|-\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}
