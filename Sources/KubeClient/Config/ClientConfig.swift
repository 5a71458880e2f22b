/// PEM material for TLS: a file path, or bytes held in memory (handed to libcurl as a blob).
public enum PEMSource: Sendable, Hashable {
    case file(String)
    case data([UInt8])
}

/// How requests authenticate. Holds credentials: never print it.
public enum Credentials: Sendable, Hashable {
    case none
    /// A bearer token.
    case token(String)
    /// A bearer token read from a file, re-read when the file changes (projected tokens rotate).
    case tokenFile(String)
    /// HTTP basic authentication.
    case basic(username: String, password: String)
    /// An exec credential plugin; `cluster` is passed to it when `provideClusterInfo` is set.
    case exec(Kubeconfig.ExecConfig, cluster: Kubeconfig.Cluster)
}

/// Everything needed to talk to one API server: the resolved form of a kubeconfig context or
/// of the in-cluster service account.
public struct ClientConfig: Sendable, Hashable {
    /// `https://host:port` or `http://host:port`, possibly with a path prefix (logical clusters).
    public var server: String
    public var caCertificate: PEMSource?
    public var clientCertificate: PEMSource?
    public var clientKey: PEMSource?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var proxyURL: String?
    public var credentials: Credentials
    /// The default namespace of the context (`default` when unset).
    public var namespace: String
    /// The context this came from, for messages.
    public var contextName: String?

    public init(
        server: String, caCertificate: PEMSource? = nil, clientCertificate: PEMSource? = nil,
        clientKey: PEMSource? = nil, insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil,
        proxyURL: String? = nil, credentials: Credentials = .none, namespace: String = "default",
        contextName: String? = nil
    ) {
        self.server = server
        self.caCertificate = caCertificate
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.proxyURL = proxyURL
        self.credentials = credentials
        self.namespace = namespace
        self.contextName = contextName
    }
}

extension Kubeconfig {
    /// Resolves a context (the current context when nil) into a `ClientConfig`. Relative paths
    /// are resolved against the directory of the file each entry came from. `*-data` wins over
    /// the file form, as in kubectl.
    public func clientConfig(context name: String? = nil) throws(KubeError) -> ClientConfig {
        guard let ctxName = name ?? currentContext else {
            throw .config("no context chosen and current-context is not set",
                hint: "pass --context or run kubectl config use-context NAME")
        }
        guard let ctx = contexts[ctxName] else {
            throw .config("context \"\(ctxName)\" does not exist", field: "contexts",
                hint: "known contexts: \(contexts.keys.sorted().joined(separator: ", "))")
        }
        guard let cluster = clusters[ctx.cluster] else {
            throw .config("cluster \"\(ctx.cluster)\" of context \"\(ctxName)\" does not exist", file: ctx.origin,
                field: "contexts[\(ctxName)].context.cluster")
        }
        guard !cluster.server.isEmpty else {
            throw .config("cluster \"\(ctx.cluster)\" has no server", file: cluster.origin,
                field: "clusters[\(ctx.cluster)].cluster.server")
        }
        let user = users[ctx.user] ?? AuthInfo()
        func pem(_ data: [UInt8]?, _ path: String?, _ origin: String?) -> PEMSource? {
            if let data { return .data(data) }
            if let path { return .file(Self.resolve(path, relativeTo: origin)) }
            return nil
        }
        var cfg = ClientConfig(
            server: cluster.server,
            caCertificate: pem(cluster.certificateAuthorityData, cluster.certificateAuthority, cluster.origin),
            clientCertificate: pem(user.clientCertificateData, user.clientCertificate, user.origin),
            clientKey: pem(user.clientKeyData, user.clientKey, user.origin),
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify, tlsServerName: cluster.tlsServerName,
            proxyURL: cluster.proxyURL, namespace: ctx.namespace ?? "default", contextName: ctxName)
        if let t = user.token {
            cfg.credentials = .token(t)
        } else if let f = user.tokenFile {
            cfg.credentials = .tokenFile(Self.resolve(f, relativeTo: user.origin))
        } else if let e = user.exec {
            var exec = e
            if e.command.contains("/") { exec.command = Self.resolve(e.command, relativeTo: user.origin) }
            cfg.credentials = .exec(exec, cluster: cluster)
        } else if let u = user.username {
            cfg.credentials = .basic(username: u, password: user.password ?? "")
        }
        return cfg
    }

    /// Resolves `path` against the directory of `origin` when it is relative.
    static func resolve(_ path: String, relativeTo origin: String?) -> String {
        if path.hasPrefix("/") || path.isEmpty { return path }
        guard let origin, let slash = origin.lastIndex(of: "/") else { return path }
        let dir = origin[..<slash]
        var rel = Substring(path)
        while rel.hasPrefix("./") { rel = rel.dropFirst(2) }
        return dir.isEmpty ? "/" + rel : dir + "/" + rel
    }
}
