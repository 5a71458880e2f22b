import Foundation
import KealmYAML

extension Kubeconfig {
    /// Reads one kubeconfig document. `origin` is the file it came from (recorded on every
    /// entry for relative paths and messages). Pure: no file is read here.
    public init(node: YAMLNode, origin: String? = nil) throws(KubeError) {
        self.init()
        if node.isNull || node.pairs?.isEmpty == true { return }
        guard node.pairs != nil else {
            throw .config("a kubeconfig must be a mapping", file: origin, hint: "start the file with apiVersion: v1 and kind: Config")
        }
        let cc = node["current-context"]?.scalar?.value ?? ""
        currentContext = cc.isEmpty ? nil : cc
        for (name, body) in try Self.namedEntries(node, "clusters", "cluster", origin) {
            clusters[name] = try Self.cluster(body, name: name, origin: origin)
        }
        for (name, body) in try Self.namedEntries(node, "users", "user", origin) {
            users[name] = try Self.authInfo(body, name: name, origin: origin)
        }
        for (name, body) in try Self.namedEntries(node, "contexts", "context", origin) {
            contexts[name] = Context(
                cluster: Self.text(body["cluster"]) ?? "", user: Self.text(body["user"]) ?? "",
                namespace: Self.text(body["namespace"]), origin: origin)
        }
    }

    static func namedEntries(_ node: YAMLNode, _ list: String, _ inner: String, _ origin: String?) throws(KubeError)
        -> [(String, YAMLNode)]
    {
        guard let value = node[list], !value.isNull else { return [] }
        guard let items = value.items else {
            throw .config("\(list) must be a list", file: origin, field: list)
        }
        var seen: Set<String> = []
        var out: [(String, YAMLNode)] = []
        for (i, item) in items.enumerated() {
            let name = text(item["name"]) ?? ""
            if !seen.insert(name).inserted {
                throw .config("duplicate name \"\(name)\" in \(list)", file: origin, field: "\(list)[\(i)]",
                    hint: "kubectl refuses a file that names an entry twice; remove one")
            }
            out.append((name, item[inner] ?? .emptyMapping))
        }
        return out
    }

    static func cluster(_ n: YAMLNode, name: String, origin: String?) throws(KubeError) -> Cluster {
        Cluster(
            server: text(n["server"]) ?? "",
            certificateAuthority: text(n["certificate-authority"]),
            certificateAuthorityData: try base64(n["certificate-authority-data"], "clusters[\(name)].certificate-authority-data", origin),
            insecureSkipTLSVerify: n["insecure-skip-tls-verify"]?.boolValue ?? false,
            tlsServerName: text(n["tls-server-name"]),
            proxyURL: text(n["proxy-url"]),
            origin: origin)
    }

    static func authInfo(_ n: YAMLNode, name: String, origin: String?) throws(KubeError) -> AuthInfo {
        var exec: ExecConfig?
        if let e = n["exec"], !e.isNull {
            guard let command = text(e["command"]), let apiVersion = text(e["apiVersion"]) else {
                throw .config("exec plugin needs command and apiVersion", file: origin, field: "users[\(name)].exec",
                    hint: "apiVersion is e.g. client.authentication.k8s.io/v1")
            }
            exec = ExecConfig(
                command: command,
                args: (e["args"]?.items ?? []).map { $0.scalar?.value ?? "" },
                env: (e["env"]?.items ?? []).map {
                    ExecConfig.EnvVar(name: text($0["name"]) ?? "", value: $0["value"]?.scalar?.value ?? "")
                },
                apiVersion: apiVersion,
                installHint: text(e["installHint"]),
                provideClusterInfo: e["provideClusterInfo"]?.boolValue ?? false,
                interactiveMode: text(e["interactiveMode"]))
        }
        return AuthInfo(
            token: text(n["token"]), tokenFile: text(n["tokenFile"]),
            clientCertificate: text(n["client-certificate"]),
            clientCertificateData: try base64(n["client-certificate-data"], "users[\(name)].client-certificate-data", origin),
            clientKey: text(n["client-key"]),
            clientKeyData: try base64(n["client-key-data"], "users[\(name)].client-key-data", origin),
            username: text(n["username"]), password: text(n["password"]), exec: exec, origin: origin)
    }

    /// The text of a scalar, or nil when absent, null or empty.
    static func text(_ n: YAMLNode?) -> String? {
        guard let s = n?.string, !s.isEmpty else { return nil }
        return s
    }

    static func base64(_ n: YAMLNode?, _ field: String, _ origin: String?) throws(KubeError) -> [UInt8]? {
        guard let s = text(n) else { return nil }
        let compact = s.filter { !$0.isWhitespace }
        guard let d = Data(base64Encoded: compact) else {
            throw .config("not valid base64", file: origin, field: field, hint: "encode the PEM with base64 -w0")
        }
        return [UInt8](d)
    }
}
