import CSSL
import Foundation

/// What a certificate the hub issues says about its holder.
public struct HubCertificateProfile: Sendable {
    /// The role of the certificate, which decides its extensions.
    public enum Usage: Sendable {
        /// The hub's own certificate authority (CA:TRUE, keyCertSign).
        case authority
        /// The hub's serving certificate (serverAuth, with subjectAltNames).
        case server
        /// A client certificate (clientAuth); its common name is the user.
        case client
    }

    public var commonName: String
    public var organization: String?
    public var usage: Usage
    /// DNS names and IP addresses (server certificates).
    public var subjectAltNames: [String]
    public var validDays: Int

    public init(commonName: String, organization: String? = nil, usage: Usage, subjectAltNames: [String] = [], validDays: Int) {
        self.commonName = commonName
        self.organization = organization
        self.usage = usage
        self.subjectAltNames = subjectAltNames
        self.validDays = validDays
    }
}

extension HubX509 {
    /// Issues a certificate for the public half of `key`, signed by `issuer` (self-signed when nil).
    public static func issue(_ profile: HubCertificateProfile, for key: HubPrivateKey,
                             issuer: (cert: HubX509, key: HubPrivateKey)? = nil) throws -> HubX509 {
        guard let x = X509_new() else { throw HubTLSError("out of memory") }
        let cert = HubX509(owning: x)
        guard X509_set_version(x, 2) == 1, setRandomSerial(x),
              X509_gmtime_adj(X509_getm_notBefore(x), -300) != nil,
              X509_gmtime_adj(X509_getm_notAfter(x), profile.validDays * 86_400) != nil,
              X509_set_pubkey(x, key.pkey) == 1, let subject = X509_get_subject_name(x)
        else { throw HubTLSError("cannot fill in the certificate for \(profile.commonName)") }
        if let org = profile.organization { try addName(subject, "O", org) }
        try addName(subject, "CN", profile.commonName)
        let issuerCert = issuer?.cert.cert ?? x
        guard X509_set_issuer_name(x, X509_get_subject_name(issuerCert)) == 1 else {
            throw HubTLSError("cannot set the issuer of \(profile.commonName)")
        }
        var ctx = X509V3_CTX()
        cssl_x509v3_ctx_init(&ctx, issuerCert, x)
        for (nid, value) in extensions(profile) {
            guard let ext = X509V3_EXT_conf_nid(nil, &ctx, nid, value) else {
                throw HubTLSError("cannot encode the extension \(value) of \(profile.commonName)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x, ext, -1) == 1 else { throw HubTLSError("cannot add the extension \(value)") }
        }
        guard X509_sign(x, (issuer?.key ?? key).pkey, EVP_sha256()) > 0 else {
            throw HubTLSError("cannot sign the certificate of \(profile.commonName)")
        }
        return cert
    }

    private static func extensions(_ p: HubCertificateProfile) -> [(Int32, String)] {
        switch p.usage {
        case .authority:
            return [(NID_basic_constraints, "critical,CA:TRUE,pathlen:0"), (NID_key_usage, "critical,keyCertSign,cRLSign"),
                    (NID_subject_key_identifier, "hash")]
        case .server:
            let sans = p.subjectAltNames.map { HubTLSNames.isIPAddress($0) ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
            var out: [(Int32, String)] = [
                (NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, "critical,digitalSignature"),
                (NID_ext_key_usage, "serverAuth"), (NID_authority_key_identifier, "keyid:always"),
            ]
            if !sans.isEmpty { out.append((NID_subject_alt_name, sans)) }
            return out
        case .client:
            return [(NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, "critical,digitalSignature"),
                    (NID_ext_key_usage, "clientAuth"), (NID_authority_key_identifier, "keyid:always")]
        }
    }

    private static func addName(_ name: OpaquePointer, _ field: String, _ value: String) throws {
        let bytes = Array(value.utf8)
        guard X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
            throw HubTLSError("cannot put \(field)=\(value) in a certificate name")
        }
    }

    /// A random positive 127-bit serial number.
    private static func setRandomSerial(_ x: OpaquePointer) -> Bool {
        var g = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        bytes[0] &= 0x7f
        guard let bn = BN_bin2bn(bytes, 16, nil) else { return false }
        defer { BN_free(bn) }
        return BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != nil
    }
}
