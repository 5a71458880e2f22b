/// Lexical operations on absolute slash paths (no file system access).
enum PathSyntax {
    /// Joins `base` and `path` (absolute `path` wins) and removes `.`, `..` and empty components.
    static func join(_ base: String, _ path: String) -> String {
        clean(path.hasPrefix("/") ? path : base + "/" + path)
    }

    static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func dirname(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/"), i != path.startIndex else { return "/" }
        return String(path[..<i])
    }

    static func basename(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: i)...])
    }

    /// True when `path` is `dir` or lies below it.
    static func isWithin(_ path: String, _ dir: String) -> Bool {
        if dir == "/" { return true }
        return path == dir || path.hasPrefix(dir + "/")
    }

    /// `path` relative to `dir` when it lies below it, else `path`.
    static func relative(_ path: String, to dir: String) -> String {
        if path == dir { return "." }
        if dir == "/" { return String(path.dropFirst()) }
        if path.hasPrefix(dir + "/") { return String(path.dropFirst(dir.count + 1)) }
        // walk up
        let a = dir.split(separator: "/"), b = path.split(separator: "/")
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        return (Array(repeating: "..", count: a.count - i) + b[i...].map(String.init)).joined(separator: "/")
    }

    /// True for a remote resource reference (URL or git shorthand).
    static func isRemote(_ path: String) -> Bool {
        path.contains("://") || path.hasPrefix("git@") || path.hasPrefix("github.com/")
            || path.hasPrefix("gitlab.com/") || path.hasPrefix("bitbucket.org/")
    }
}
