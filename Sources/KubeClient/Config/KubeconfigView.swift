import Foundation
import KealmYAML

extension Kubeconfig {
    /// The merged config as `kubectl config view --raw -o json` shows it: entries sorted by
    /// name, paths as written, `*-data` fields in base64. Contains credentials: for tests and
    /// for writing kubeconfig files, never for logs.
    public func rawView() -> YAMLNode {
        func str(_ s: String) -> YAMLNode { .scalar(YAMLScalar(s, style: .doubleQuoted)) }
        func b64(_ b: [UInt8]) -> YAMLNode { str(Data(b).base64EncodedString()) }
        var clusterItems: [YAMLNode] = []
        for name in clusters.keys.sorted() {
            let c = clusters[name]!
            var m: [YAMLPair] = [YAMLPair("server", str(c.server))]
            if let v = c.tlsServerName { m.append(YAMLPair("tls-server-name", str(v))) }
            if c.insecureSkipTLSVerify { m.append(YAMLPair("insecure-skip-tls-verify", .bool(true))) }
            if let v = c.certificateAuthority { m.append(YAMLPair("certificate-authority", str(v))) }
            if let v = c.certificateAuthorityData { m.append(YAMLPair("certificate-authority-data", b64(v))) }
            if let v = c.proxyURL { m.append(YAMLPair("proxy-url", str(v))) }
            clusterItems.append(.mapping([YAMLPair("name", str(name)), YAMLPair("cluster", .mapping(m))]))
        }
        var userItems: [YAMLNode] = []
        for name in users.keys.sorted() {
            let u = users[name]!
            var m: [YAMLPair] = []
            if let v = u.clientCertificate { m.append(YAMLPair("client-certificate", str(v))) }
            if let v = u.clientCertificateData { m.append(YAMLPair("client-certificate-data", b64(v))) }
            if let v = u.clientKey { m.append(YAMLPair("client-key", str(v))) }
            if let v = u.clientKeyData { m.append(YAMLPair("client-key-data", b64(v))) }
            if let v = u.token { m.append(YAMLPair("token", str(v))) }
            if let v = u.tokenFile { m.append(YAMLPair("tokenFile", str(v))) }
            if let v = u.username { m.append(YAMLPair("username", str(v))) }
            if let v = u.password { m.append(YAMLPair("password", str(v))) }
            if let e = u.exec {
                var x: [YAMLPair] = [YAMLPair("command", str(e.command))]
                if !e.args.isEmpty { x.append(YAMLPair("args", .sequence(e.args.map(str)))) }
                if !e.env.isEmpty {
                    x.append(YAMLPair("env", .sequence(e.env.map {
                        .mapping([YAMLPair("name", str($0.name)), YAMLPair("value", str($0.value))])
                    })))
                }
                x.append(YAMLPair("apiVersion", str(e.apiVersion)))
                if let h = e.installHint { x.append(YAMLPair("installHint", str(h))) }
                x.append(YAMLPair("provideClusterInfo", .bool(e.provideClusterInfo)))
                if let i = e.interactiveMode { x.append(YAMLPair("interactiveMode", str(i))) }
                m.append(YAMLPair("exec", .mapping(x)))
            }
            userItems.append(.mapping([YAMLPair("name", str(name)), YAMLPair("user", .mapping(m))]))
        }
        var contextItems: [YAMLNode] = []
        for name in contexts.keys.sorted() {
            let c = contexts[name]!
            var m: [YAMLPair] = [YAMLPair("cluster", str(c.cluster)), YAMLPair("user", str(c.user))]
            if let ns = c.namespace { m.append(YAMLPair("namespace", str(ns))) }
            contextItems.append(.mapping([YAMLPair("name", str(name)), YAMLPair("context", .mapping(m))]))
        }
        return .mapping([
            YAMLPair("kind", str("Config")), YAMLPair("apiVersion", str("v1")),
            YAMLPair("preferences", .emptyMapping),
            YAMLPair("clusters", .sequence(clusterItems)), YAMLPair("users", .sequence(userItems)),
            YAMLPair("contexts", .sequence(contextItems)),
            YAMLPair("current-context", str(currentContext ?? "")),
        ])
    }
}
