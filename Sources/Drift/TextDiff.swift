import KealmYAML

/// The readable diff of one resource: both sides rendered as block YAML and compared line by
/// line (longest common subsequence), printed as unified-diff hunks with three lines of context.
/// `-` lines are live, `+` lines desired: what an apply would change.
public enum TextDiff {
    static let context = 3

    static func render(resource: String, desired: YAMLNode, live: YAMLNode?, unexpected: [FieldDifference]) -> String {
        let a = live.map { DisplayYAML.lines($0) } ?? []
        let b = DisplayYAML.lines(desired)
        var out = "--- live \(resource)\n+++ desired \(resource)\n"
        out += unified(a, b)
        if !unexpected.isEmpty {
            out += "@@ no longer desired (an apply removes them) @@\n"
            for d in unexpected {
                let lines = DisplayYAML.lines(d.live ?? .null)
                if lines.count == 1 { out += "-\(d.pathText): \(lines[0])\n" } else {
                    out += "-\(d.pathText):\n"
                    for l in lines { out += "-  \(l)\n" }
                }
            }
        }
        return out
    }

    /// Unified hunks between two line arrays (empty when equal).
    public static func unified(_ a: [String], _ b: [String]) -> String {
        let ops = diff(a, b)
        var out = ""
        var i = 0
        while i < ops.count {
            guard let firstChange = ops[i...].firstIndex(where: { $0.kind != .same }) else { break }
            var start = max(firstChange - context, i)
            if start < i { start = i }
            var end = firstChange
            // Extend while the next change is within 2*context lines.
            while end < ops.count {
                if ops[end].kind != .same { end += 1; continue }
                let nextChange = ops[end...].firstIndex { $0.kind != .same } ?? ops.count
                if nextChange - end <= 2 * context && nextChange < ops.count { end = nextChange } else { break }
            }
            let stop = min(end + context, ops.count)
            let hunk = ops[start..<stop]
            let aStart = (hunk.first { $0.kind != .insert }?.aIndex ?? 0) + 1
            let bStart = (hunk.first { $0.kind != .delete }?.bIndex ?? 0) + 1
            let aCount = hunk.filter { $0.kind != .insert }.count
            let bCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " \(a[op.aIndex])\n"
                case .delete: out += "-\(a[op.aIndex])\n"
                case .insert: out += "+\(b[op.bIndex])\n"
                }
            }
            i = stop
        }
        return out
    }

    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var aIndex: Int
        var bIndex: Int
    }

    /// An edit script by dynamic programming over the longest common subsequence; beyond four
    /// million cells it falls back to "all removed, all added".
    static func diff(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        if n * m > 4_000_000 {
            return a.indices.map { Op(kind: .delete, aIndex: $0, bIndex: 0) } + b.indices.map { Op(kind: .insert, aIndex: n, bIndex: $0) }
        }
        var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i * (m + 1) + j] = a[i] == b[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                ops.append(Op(kind: .same, aIndex: i, bIndex: j)); i += 1; j += 1
            } else if i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                ops.append(Op(kind: .delete, aIndex: i, bIndex: j)); i += 1
            } else {
                ops.append(Op(kind: .insert, aIndex: i, bIndex: j)); j += 1
            }
        }
        return ops
    }
}

/// A small block-YAML printer for diffs (not a general emitter: strings that would read as
/// another type, or hold special characters, are printed JSON-quoted).
enum DisplayYAML {
    static func lines(_ node: YAMLNode) -> [String] {
        switch node {
        case .scalar(let s): return [scalar(s)]
        case .mapping(let p) where p.isEmpty: return ["{}"]
        case .sequence(let s) where s.isEmpty: return ["[]"]
        default:
            var out: [String] = []
            write(node, indent: "", into: &out)
            return out
        }
    }

    static func write(_ node: YAMLNode, indent: String, into out: inout [String]) {
        switch node {
        case .mapping(let pairs):
            for p in pairs {
                let key = scalar(p.key)
                switch p.value {
                case .mapping(let c) where !c.isEmpty:
                    out.append("\(indent)\(key):")
                    write(p.value, indent: indent + "  ", into: &out)
                case .sequence(let c) where !c.isEmpty:
                    out.append("\(indent)\(key):")
                    write(p.value, indent: indent, into: &out)
                default: out.append("\(indent)\(key): \(lines(p.value)[0])")
                }
            }
        case .sequence(let items):
            for item in items {
                var sub: [String] = []
                switch item {
                case .mapping(let c) where !c.isEmpty: write(item, indent: "", into: &sub)
                case .sequence(let c) where !c.isEmpty: write(item, indent: "", into: &sub)
                default: sub = lines(item)
                }
                for (k, line) in sub.enumerated() { out.append(indent + (k == 0 ? "- " : "  ") + line) }
            }
        case .scalar: out.append(indent + lines(node)[0])
        }
    }

    static func scalar(_ s: YAMLScalar) -> String {
        let kind = ScalarResolver.resolve(s)
        if kind != .string { return s.value.isEmpty ? "null" : s.value }
        let v = s.value
        let special = v.isEmpty || v.contains(": ") || v.contains(" #") || v.hasSuffix(":") || v.contains("\n") || v.hasPrefix(" ")
            || v.hasSuffix(" ") || "-?:,[]{}#&*!|>'\"%@`".contains(v.first!) || ScalarResolver.resolvePlain(v) != .string
        if !special { return v }
        var out = ""
        JSON.writeString(v, into: &out)
        return out
    }
}
