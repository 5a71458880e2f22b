/// Credentials for one repository: HTTPS user/password (or a token as password) and/or an SSH key.
///
/// `description` never shows a secret, so a `GitCredentials` value is safe to log.
public struct GitCredentials: Sendable, Equatable, CustomStringConvertible {
    /// HTTPS user name, or the SSH user (defaults to the one in the URL, else `git`).
    public var username: String?
    /// HTTPS password or token (a token alone is sent with the user name, or `git` when none is given).
    public var password: String?
    /// A PEM/OpenSSH private key, for `ssh://` and `user@host:path` URLs.
    public var sshPrivateKey: String?
    /// The passphrase of the SSH key, if it has one.
    public var sshPassphrase: String?
    /// Skip TLS certificate verification (Argo CD's `insecure: "true"`).
    public var insecure: Bool
    /// An HTTP bearer token (Argo CD's `bearerToken`, e.g. Bitbucket Data Center), sent as `Authorization: Bearer`.
    public var bearerToken: String?

    public init(
        username: String? = nil, password: String? = nil, sshPrivateKey: String? = nil, sshPassphrase: String? = nil,
        insecure: Bool = false, bearerToken: String? = nil
    ) {
        self.bearerToken = bearerToken
        self.username = username
        self.password = password
        self.sshPrivateKey = sshPrivateKey
        self.sshPassphrase = sshPassphrase
        self.insecure = insecure
    }

    /// No credentials: anonymous access.
    public static let none = GitCredentials()

    /// True when nothing would be offered to the server.
    public var isEmpty: Bool { password == nil && sshPrivateKey == nil && username == nil && bearerToken == nil }

    public var description: String {
        var parts: [String] = []
        if username != nil { parts.append("username") }
        if password != nil { parts.append("password") }
        if sshPrivateKey != nil { parts.append("sshPrivateKey") }
        if bearerToken != nil { parts.append("bearerToken") }
        if insecure { parts.append("insecure") }
        return "GitCredentials(\(parts.isEmpty ? "none" : parts.joined(separator: ", ")))"
    }
}
