import Foundation
import KealmYAML

/// Writes kubeconfig files for the hub's clusters.
public enum Kubeconfig {
    /// The server URL of a logical cluster, given the hub's base URL. Over plain HTTP the token is
    /// also put in the path (`/auth/<token>`), because kubectl sends credentials only over TLS.
    public static func server(base: String, cluster: String, token: String? = nil) -> String {
        var url = base
        if let token, base.hasPrefix("http://") { url += "/auth/\(token)" }
        return cluster == Hub.defaultCluster ? url : "\(url)/clusters/\(cluster)"
    }

    /// A kubeconfig with one cluster, one user and one context (YAML text). The user holds `token`, or
    /// `clientCertificate` (PEM texts) when given; `caData` is the base64 PEM of the CA for `https://` servers.
    public static func render(base: String, cluster: String, token: String?, user: String, namespace: String = "default",
                              caData: String? = nil, clientCertificate: (cert: String, key: String)? = nil) -> String {
        let name = "kealm-\(cluster)"
        func q(_ s: String) -> String { JSONText.str(s) }
        let ca = caData.map { "\n    certificate-authority-data: \(q($0))" } ?? ""
        func b64(_ s: String) -> String { q(Data(s.utf8).base64EncodedString()) }
        let credential = clientCertificate.map {
            "client-certificate-data: \(b64($0.cert))\n    client-key-data: \(b64($0.key))"
        } ?? "token: \(q(token ?? ""))"
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(q(name))
              cluster:
                server: \(q(server(base: base, cluster: cluster, token: token)))\(ca)
            users:
            - name: \(q("\(name)-\(user)"))
              user:
                \(credential)
            contexts:
            - name: \(q(name))
              context:
                cluster: \(q(name))
                user: \(q("\(name)-\(user)"))
                namespace: \(q(namespace))
            current-context: \(q(name))

            """
    }

    /// The `certificate-authority-data` of the first cluster of a kubeconfig.
    public static func caData(ofKubeconfig text: String) -> String? {
        guard let doc = try? YAMLParser.parse(text), let items = doc["clusters"]?.items else { return nil }
        return items.first?.string(at: "cluster", "certificate-authority-data")
    }

    /// The server URL of the first cluster of a kubeconfig, without a `/clusters/<name>` suffix.
    public static func baseURL(ofKubeconfig text: String) -> String? {
        guard let doc = try? YAMLParser.parse(text), let items = doc["clusters"]?.items, let s = items.first?.string(at: "cluster", "server")
        else { return nil }
        if let r = s.range(of: "/auth/") ?? s.range(of: "/clusters/") { return String(s[..<r.lowerBound]) }
        return s
    }
}
