/// Repository URLs: the normal form that names a mirror, and redaction of embedded credentials.
///
/// Two spellings of one repository share one mirror, as in Argo CD: the host is lowercased, a trailing
/// slash and a `.git` suffix are removed, and scp-like `user@host:path` becomes `ssh://user@host/path`.
public enum RepoURL {
    /// The normal form of a repository URL (used as the mirror key and to match credentials).
    public static func normalize(_ raw: String) -> String {
        var url = raw.trimmingWhitespace()
        url = scpToSSH(url)
        while url.hasSuffix("/") { url.removeLast() }
        if url.lowercased().hasSuffix(".git") { url.removeLast(4) }
        while url.hasSuffix("/") { url.removeLast() }
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = rest[slash...]
        // Lowercase the host only, not the user name.
        if let at = authority.lastIndex(of: "@") {
            let user = authority[...at]
            let host = authority[authority.index(after: at)...].lowercased()
            return "\(scheme)://\(user)\(host)\(path)"
        }
        return "\(scheme)://\(authority.lowercased())\(path)"
    }

    /// True when the URL names a local repository (a path or `file://`).
    public static func isLocal(_ url: String) -> Bool {
        url.hasPrefix("/") || url.hasPrefix("file://") || url.hasPrefix(".")
    }

    /// `git@github.com:org/repo` → `ssh://git@github.com/org/repo`; anything with a scheme or a leading `/` is kept.
    static func scpToSSH(_ url: String) -> String {
        if url.contains("://") || url.hasPrefix("/") || url.hasPrefix(".") { return url }
        guard let colon = url.firstIndex(of: ":"), let at = url.firstIndex(of: "@"), at < colon else { return url }
        let hostPart = url[..<colon]
        var path = url[url.index(after: colon)...]
        if path.hasPrefix("/") { path = path.dropFirst() }
        return "ssh://\(hostPart)/\(path)"
    }
}

/// Replaces the user-info of a URL (`user:pass@`, or a token alone) by `***@`. Safe on any string.
public func redactURL(_ url: String) -> String {
    redactURLs(in: url)
}

/// Redacts the user-info of every `scheme://userinfo@host` occurring in a text (error messages included).
public func redactURLs(in text: String) -> String {
    guard text.contains("://") else { return text }
    var out = ""
    var rest = Substring(text)
    while let sep = rest.range(of: "://") {
        out += rest[..<sep.upperBound]
        rest = rest[sep.upperBound...]
        // The authority ends at the first '/', whitespace or quote; user-info is what precedes its last '@'.
        let end = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\n" }) ?? rest.endIndex
        let authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") {
            out += "***@"
            rest = rest[rest.index(after: at)...]
        }
    }
    out += rest
    return out
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
