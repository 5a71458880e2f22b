/// A kubeconfig: named clusters, users and contexts, and the current context.
///
/// Values only: parsing (`Kubeconfig(node:origin:)`) and merging (`Kubeconfig.merged`) do no
/// I/O. Relative file paths are kept as written, with the file they came from in `origin`,
/// and resolved against that file's directory only when a `ClientConfig` is built — the same
/// way kubectl treats them (`kubectl config view` shows them unresolved).
public struct Kubeconfig: Sendable, Hashable {
    public var clusters: [String: Cluster]
    public var users: [String: AuthInfo]
    public var contexts: [String: Context]
    /// The `current-context`; nil when unset or empty.
    public var currentContext: String?

    public init(
        clusters: [String: Cluster] = [:], users: [String: AuthInfo] = [:], contexts: [String: Context] = [:],
        currentContext: String? = nil
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    /// One `clusters[].cluster` entry.
    public struct Cluster: Sendable, Hashable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: [UInt8]?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
        public var proxyURL: String?
        /// The kubeconfig file this entry came from (for relative paths and messages).
        public var origin: String?

        public init(
            server: String, certificateAuthority: String? = nil, certificateAuthorityData: [UInt8]? = nil,
            insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil,
            origin: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
            self.origin = origin
        }
    }

    /// One `users[].user` entry. Holds credentials: never print it.
    public struct AuthInfo: Sendable, Hashable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: [UInt8]?
        public var clientKey: String?
        public var clientKeyData: [UInt8]?
        public var username: String?
        public var password: String?
        public var exec: ExecConfig?
        public var origin: String?

        public init(
            token: String? = nil, tokenFile: String? = nil, clientCertificate: String? = nil,
            clientCertificateData: [UInt8]? = nil, clientKey: String? = nil, clientKeyData: [UInt8]? = nil,
            username: String? = nil, password: String? = nil, exec: ExecConfig? = nil, origin: String? = nil
        ) {
            self.token = token
            self.tokenFile = tokenFile
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.username = username
            self.password = password
            self.exec = exec
            self.origin = origin
        }
    }

    /// An `exec` credential plugin (`client.authentication.k8s.io`).
    public struct ExecConfig: Sendable, Hashable {
        public var command: String
        public var args: [String]
        /// Extra environment, in order.
        public var env: [EnvVar]
        public var apiVersion: String
        public var installHint: String?
        public var provideClusterInfo: Bool
        /// `Never`, `IfAvailable` or `Always`; Kealm never has a terminal, so it behaves as `Never`.
        public var interactiveMode: String?

        public struct EnvVar: Sendable, Hashable {
            public var name: String
            public var value: String
            public init(name: String, value: String) {
                self.name = name
                self.value = value
            }
        }

        public init(
            command: String, args: [String] = [], env: [EnvVar] = [], apiVersion: String,
            installHint: String? = nil, provideClusterInfo: Bool = false, interactiveMode: String? = nil
        ) {
            self.command = command
            self.args = args
            self.env = env
            self.apiVersion = apiVersion
            self.installHint = installHint
            self.provideClusterInfo = provideClusterInfo
            self.interactiveMode = interactiveMode
        }
    }

    /// One `contexts[].context` entry.
    public struct Context: Sendable, Hashable {
        public var cluster: String
        public var user: String
        public var namespace: String?
        public var origin: String?
        public init(cluster: String, user: String, namespace: String? = nil, origin: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
            self.origin = origin
        }
    }
}

extension Kubeconfig {
    /// Merges kubeconfigs the way kubectl merges the files of `KUBECONFIG`: for every map
    /// (clusters, users, contexts) the first file that defines a name wins, whole entry; the
    /// `current-context` comes from the first file that sets a non-empty one.
    public static func merged(_ configs: [Kubeconfig]) -> Kubeconfig {
        var out = Kubeconfig()
        for c in configs {
            out.clusters.merge(c.clusters) { first, _ in first }
            out.users.merge(c.users) { first, _ in first }
            out.contexts.merge(c.contexts) { first, _ in first }
            if out.currentContext == nil, let cc = c.currentContext, !cc.isEmpty { out.currentContext = cc }
        }
        return out
    }
}
