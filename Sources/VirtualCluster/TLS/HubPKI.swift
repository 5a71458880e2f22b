import Foundation

/// The PEM texts a TLS server needs.
public struct HubServingCertificates: Sendable {
    public var caPEM: String
    public var certificatePEM: String
    public var keyPEM: String
    /// The subjectAltNames of the serving certificate.
    public var subjectAltNames: [String]
    /// True when the serving certificate was (re)issued by this call.
    public var issued: Bool
}

/// A client certificate issued by the hub's CA.
public struct HubClientCertificate: Sendable {
    public var certificatePEM: String
    public var keyPEM: String
    /// The SHA-256 fingerprint that names the certificate's scope record in the hub's store.
    public var fingerprint: String
}

/// The hub's own certificate authority and serving certificate, kept under `DATA/pki/`:
/// `ca.crt`, `ca.key`, `server.crt`, `server.key` (keys mode 0600, the directory 0700).
///
/// The CA (ECDSA P-256, ten years) is generated on first use and reused afterwards. The serving
/// certificate is re-issued when the wanted subjectAltNames differ from the ones it holds, when it
/// expires within 30 days, or when it was not signed by the CA.
public struct HubPKI: Sendable {
    public let directory: String

    /// The names every serving certificate holds.
    public static let defaultSANs = ["127.0.0.1", "::1", "localhost"]
    static let caDays = 3650
    static let serverDays = 365
    static let renewWithinSeconds = 30 * 86_400

    public init(data: HubDataDirectory) { directory = data.path + "/pki" }

    public var caCertificatePath: String { directory + "/ca.crt" }
    var caKeyPath: String { directory + "/ca.key" }
    public var serverCertificatePath: String { directory + "/server.crt" }
    var serverKeyPath: String { directory + "/server.key" }

    /// True once a CA exists (the hub served with `--tls` at least once).
    public var hasAuthority: Bool { FileManager.default.fileExists(atPath: caKeyPath) }

    /// The CA certificate as PEM.
    public func caPEM() throws -> String { try read(caCertificatePath) }

    /// Loads the CA, generating it when `create` is true and none exists.
    public func authority(create: Bool) throws -> (cert: HubX509, key: HubPrivateKey) {
        if hasAuthority {
            let cert = try HubX509(pem: read(caCertificatePath))
            let key = try HubPrivateKey(pem: read(caKeyPath))
            guard cert.matches(key) else {
                throw HubTLSError("\(caCertificatePath) does not match \(caKeyPath); move \(directory) away to start a new CA")
            }
            return (cert, key)
        }
        guard create else {
            throw HubTLSError("no certificate authority in \(directory): start `kealm hub serve --tls` once to create it")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let key = try HubPrivateKey()
        let cert = try HubX509.issue(.init(commonName: "kealm-hub-ca", organization: "kealm", usage: .authority,
                                           validDays: Self.caDays), for: key)
        try HubDataDirectory.writePrivate(key.pem, to: caKeyPath)
        try Self.writePublic(cert.pem, to: caCertificatePath)
        return (cert, key)
    }

    /// The CA and a serving certificate for `defaultSANs` plus `extraSANs`, issuing what is missing or stale.
    public func servingCertificates(extraSANs: [String] = []) throws -> HubServingCertificates {
        let ca = try authority(create: true)
        var wanted: [String] = []
        for san in Self.defaultSANs + extraSANs where !san.isEmpty {
            let c = HubTLSNames.canonical(san)
            if !wanted.contains(c) { wanted.append(c) }
        }
        if let cert = try? HubX509(pem: read(serverCertificatePath)), let key = try? HubPrivateKey(pem: read(serverKeyPath)),
           cert.matches(key), cert.isSigned(by: ca.cert), cert.secondsUntilExpiry > Self.renewWithinSeconds,
           Set(cert.subjectAltNames.map(HubTLSNames.canonical)) == Set(wanted) {
            return HubServingCertificates(caPEM: ca.cert.pem, certificatePEM: cert.pem, keyPEM: key.pem,
                                          subjectAltNames: cert.subjectAltNames, issued: false)
        }
        let key = try HubPrivateKey()
        let cert = try HubX509.issue(.init(commonName: "kealm-hub", organization: "kealm", usage: .server, subjectAltNames: wanted,
                                           validDays: Self.serverDays), for: key, issuer: ca)
        try HubDataDirectory.writePrivate(key.pem, to: serverKeyPath)
        try Self.writePublic(cert.pem, to: serverCertificatePath)
        return HubServingCertificates(caPEM: ca.cert.pem, certificatePEM: cert.pem, keyPEM: key.pem, subjectAltNames: wanted, issued: true)
    }

    /// Issues a client certificate whose common name is `user` (the CA must exist).
    public func issueClientCertificate(user: String, validDays: Int = 365) throws -> HubClientCertificate {
        let ca = try authority(create: false)
        let key = try HubPrivateKey()
        let cert = try HubX509.issue(.init(commonName: user, usage: .client, validDays: validDays), for: key, issuer: ca)
        return HubClientCertificate(certificatePEM: cert.pem, keyPEM: key.pem, fingerprint: cert.sha256Fingerprint)
    }

    /// The listen address as a subjectAltName (none for wildcard addresses, whose names are unknown).
    public static func listenSANs(_ host: String) -> [String] {
        ["", "0.0.0.0", "::", "*"].contains(host) ? [] : [host]
    }

    /// A host as it appears in a URL (IPv6 addresses in brackets).
    public static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    private func read(_ path: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw HubTLSError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Writes a world-readable file atomically (certificates hold no secret).
    static func writePublic(_ text: String, to path: String) throws {
        let tmp = path + ".tmp"
        _ = FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
        guard rename(tmp, path) == 0 else { throw HubTLSError("cannot write \(path)") }
    }
}
