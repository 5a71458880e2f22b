/// Argo CD's name functions: `normalize` (the clusters generator's `nameNormalized`) and `slugify`.
public enum Names {
    /// Lower-cases, replaces every character other than `a-z 0-9 - .` with `-`, cuts to 253
    /// characters and trims leading and trailing `-` and `.`.
    public static func sanitize(_ name: String) -> String {
        var out = ""
        for u in name.lowercased().unicodeScalars {
            let ok = ("a"..."z").contains(u) || ("0"..."9").contains(u) || u == "-" || u == "."
            out.unicodeScalars.append(ok ? u : "-")
        }
        if out.utf8.count > 253 { out = String(decoding: Array(out.utf8.prefix(253)), as: UTF8.self) }
        while let f = out.first, f == "-" || f == "." { out.removeFirst() }
        while let l = out.last, l == "-" || l == "." { out.removeLast() }
        return out
    }

    /// Lower-cases, turns runs of other characters into one `-`, trims `-`, cuts to 50 characters.
    public static func slugify(_ name: String) -> String {
        var out = ""
        var dash = false
        for u in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
                out.unicodeScalars.append(u)
                dash = false
            } else if !dash {
                out += "-"
                dash = true
            }
        }
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 50 { out = String(out.prefix(50)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
