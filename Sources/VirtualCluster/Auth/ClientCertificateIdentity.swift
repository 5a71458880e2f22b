/// Client certificates as credentials. A certificate authenticates when the TLS handshake verified it
/// against the hub's CA and the store holds a scope record for its SHA-256 fingerprint (written when
/// `kealm hub kubeconfig --client-cert` issued it). The record is a `TokenRecord` whose `token` is
/// `x509-sha256:<fingerprint>` and whose `label` is the certificate's common name, so the scope
/// (cluster, namespaces, verbs) is checked by `Authorizer` exactly as for a scoped token, and
/// deleting the record revokes the certificate.
public enum ClientCertificateIdentity {
    /// The prefix of the store key of a certificate's scope record.
    public static let recordPrefix = "x509-sha256:"

    /// The scope record of a certificate.
    public static func record(fingerprint: String, cluster: String, namespaces: [String] = [], verbs: [String] = [],
                              user: String) -> TokenRecord {
        TokenRecord(token: recordPrefix + fingerprint, cluster: cluster, namespaces: namespaces, verbs: verbs, label: user)
    }

    /// True for a store record that belongs to a certificate (never usable as a bearer token).
    public static func isCertificateRecord(_ r: TokenRecord) -> Bool { r.token.hasPrefix(recordPrefix) }

    /// The key to authenticate a request with: its bearer (or path) token, else its verified client
    /// certificate's record. A presented token spelled like a certificate record is refused: fingerprints
    /// are public.
    static func credential(token: String?, clientCertificateFingerprint: String?) -> String? {
        if let token { return token.hasPrefix(recordPrefix) ? nil : token }
        return clientCertificateFingerprint.map { recordPrefix + $0 }
    }
}
