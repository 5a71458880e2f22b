/// Path patterns: Go's `path.Match` (`*` and `?` never cross `/`, `[...]` classes, `\` escapes),
/// plus `**` matching any number of whole segments (for `git` file patterns).
enum Glob {
    static func match(_ pattern: String, _ path: String) -> Bool {
        let ps = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let ss = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return matchSegments(ps[...], ss[...])
    }

    static func matchSegments(_ p: ArraySlice<String>, _ s: ArraySlice<String>) -> Bool {
        guard let first = p.first else { return s.isEmpty }
        if first == "**" {
            var rest = s
            while true {
                if matchSegments(p.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let seg = s.first, matchSegment(Array(first), Array(seg)) else { return false }
        return matchSegments(p.dropFirst(), s.dropFirst())
    }

    static func matchSegment(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0
        var star: (Int, Int)? = nil
        while si < s.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    star = (pi, si)
                    pi += 1
                    continue
                case "?":
                    pi += 1; si += 1
                    continue
                case "[":
                    if let (ok, next) = matchClass(p, pi, s[si]), ok {
                        pi = next; si += 1
                        continue
                    }
                case "\\" where pi + 1 < p.count:
                    if p[pi + 1] == s[si] { pi += 2; si += 1; continue }
                default:
                    if p[pi] == s[si] { pi += 1; si += 1; continue }
                }
            }
            guard let (sp, ss) = star else { return false }
            pi = sp + 1
            si = ss + 1
            star = (sp, ss + 1)
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    static func matchClass(_ p: [Character], _ start: Int, _ c: Character) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && p[i] == "^" { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            var lo = p[i]
            if lo == "\\" && i + 1 < p.count { i += 1; lo = p[i] }
            var hi = lo
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                hi = p[i + 2]
                i += 2
            }
            if lo <= c && c <= hi { matched = true }
            i += 1
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}
