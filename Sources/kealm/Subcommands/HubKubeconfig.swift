import ArgumentParser
import Foundation
import VirtualCluster

/// `kealm hub kubeconfig --cluster NAME`: issues a token scoped to one logical cluster and prints a kubeconfig.
struct HubKubeconfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeconfig",
        abstract: "Print a kubeconfig for a logical cluster with a new token limited to it (and optionally to namespaces and verbs)."
    )

    @OptionGroup var options: HubDataOptions

    @Option(help: "The logical cluster.")
    var cluster: String = "default"

    @Option(help: "Limit the token to these namespaces (comma-separated).")
    var namespaces: String?

    @Option(help: "Limit the token to these verbs (comma-separated, e.g. get,list,watch).")
    var verbs: String?

    @Option(help: "A label for the token's user.")
    var user: String = "user"

    @Option(help: "The hub URL (default: the server in DATA/admin.kubeconfig).")
    var server: String?

    @Flag(help: "Issue a client certificate (CN = --user, signed by the hub's CA) instead of a token; needs an HTTPS hub.")
    var clientCert = false

    func run() throws {
        let dir = HubDataDirectory(options.data)
        let store = try dir.openStore()
        guard try store.clusterExists(cluster) else {
            throw ValidationError("no logical cluster named \(cluster); create it with `kealm hub cluster create \(cluster)`")
        }
        var base = server
        var caData: String?
        if let text = try? String(contentsOfFile: dir.adminKubeconfig, encoding: .utf8) {
            if base == nil { base = Kubeconfig.baseURL(ofKubeconfig: text) }
            caData = Kubeconfig.caData(ofKubeconfig: text)
        }
        guard let base else { throw ValidationError("no server URL: start `kealm hub serve --data \(options.data)` first or pass --server") }
        let split = { (s: String?) in (s ?? "").split(separator: ",").map { String($0) } }
        let nss = split(namespaces)
        if clientCert {
            guard base.hasPrefix("https://") else {
                throw ValidationError("client certificates need an HTTPS hub (\(base)): serve it with `kealm hub serve --tls`")
            }
            let issued = try HubPKI(data: dir).issueClientCertificate(user: user)
            try store.saveToken(ClientCertificateIdentity.record(fingerprint: issued.fingerprint, cluster: cluster, namespaces: nss,
                                                                 verbs: split(verbs), user: user))
            print(Kubeconfig.render(base: base, cluster: cluster, token: nil, user: user, namespace: nss.first ?? "default",
                                    caData: caData, clientCertificate: (issued.certificatePEM, issued.keyPEM)),
                  terminator: "")
            return
        }
        let token = TokenRecord(token: Hub.randomToken(), cluster: cluster, namespaces: nss, verbs: split(verbs), label: user)
        try store.saveToken(token)
        print(Kubeconfig.render(base: base, cluster: cluster, token: token.token, user: user, namespace: nss.first ?? "default",
                                caData: caData),
              terminator: "")
    }
}
