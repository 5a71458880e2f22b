import CSSL
import Foundation
import KealmModel

/// A failure of the hub's certificate code (generation, parsing, files under DATA/pki).
public struct HubTLSError: KealmError {
    public var message: String
    public var category: ErrorCategory { .internal }
    public var description: String { message }

    init(_ message: String) {
        var detail = ""
        while case let code = ERR_get_error(), code != 0 {
            var buf = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buf, buf.count)
            detail += (detail.isEmpty ? "" : "; ") + String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        self.message = detail.isEmpty ? message : "\(message) (openssl: \(detail))"
    }
}

/// An ECDSA P-256 private key (OpenSSL `EVP_PKEY`).
public final class HubPrivateKey: @unchecked Sendable {
    let pkey: OpaquePointer

    /// Generates a new P-256 key.
    public init() throws {
        guard let k = cssl_ec_p256_generate() else { throw HubTLSError("cannot generate an ECDSA P-256 key") }
        pkey = k
    }

    /// Reads a PEM private key (PKCS#8 or SEC1).
    public init(pem: String) throws {
        pkey = try withMemoryBIO(pem) { bio in
            guard let k = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else { throw HubTLSError("not a PEM private key") }
            return k
        }
    }

    deinit { EVP_PKEY_free(pkey) }

    /// The key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`).
    public var pem: String {
        pemText { PEM_write_bio_PrivateKey($0, pkey, nil, nil, 0, nil, nil) }
    }
}

/// One X.509 certificate (OpenSSL `X509`).
public final class HubX509: @unchecked Sendable {
    let cert: OpaquePointer

    init(owning cert: OpaquePointer) { self.cert = cert }

    /// Reads the first certificate of a PEM text.
    public init(pem: String) throws {
        cert = try withMemoryBIO(pem) { bio in
            guard let c = PEM_read_bio_X509(bio, nil, nil, nil) else { throw HubTLSError("not a PEM certificate") }
            return c
        }
    }

    /// Reads a DER certificate.
    public init(der: [UInt8]) throws {
        let c = der.withUnsafeBufferPointer { buf -> OpaquePointer? in
            var p: UnsafePointer<UInt8>? = buf.baseAddress
            return d2i_X509(nil, &p, buf.count)
        }
        guard let c else { throw HubTLSError("not a DER certificate") }
        cert = c
    }

    deinit { X509_free(cert) }

    /// The certificate as PEM (`BEGIN CERTIFICATE`).
    public var pem: String { pemText { PEM_write_bio_X509($0, cert) } }

    /// The SHA-256 fingerprint of the DER encoding, lowercase hex.
    public var sha256Fingerprint: String {
        var md = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var len: UInt32 = 0
        guard X509_digest(cert, EVP_sha256(), &md, &len) == 1 else { return "" }
        return md.prefix(Int(len)).map { String(format: "%02x", $0) }.joined()
    }

    /// The subject's common name.
    public var commonName: String? {
        guard let name = X509_get_subject_name(cert) else { return nil }
        let i = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard i >= 0, let entry = X509_NAME_get_entry(name, i), let data = X509_NAME_ENTRY_get_data(entry),
              let bytes = ASN1_STRING_get0_data(data)
        else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(ASN1_STRING_length(data))), as: UTF8.self)
    }

    /// The subjectAltName entries: DNS names as written, IP addresses in their usual text form.
    public var subjectAltNames: [String] {
        guard let names = cssl_x509_sans(cert) else { return [] }
        defer { cssl_general_names_free(names) }
        var out: [String] = []
        for i in 0..<cssl_general_names_count(names) {
            var p: UnsafePointer<UInt8>?
            var len: Int32 = 0
            let kind = cssl_general_name_get(cssl_general_names_at(names, i), &p, &len)
            guard let p, len > 0 else { continue }
            let bytes = Array(UnsafeBufferPointer(start: p, count: Int(len)))
            if kind == 1 {
                out.append(String(decoding: bytes, as: UTF8.self))
            } else if kind == 2, let ip = HubTLSNames.ipText(bytes) {
                out.append(ip)
            }
        }
        return out
    }

    /// Seconds until the certificate expires (negative once expired).
    public var secondsUntilExpiry: Int {
        var days: Int32 = 0
        var secs: Int32 = 0
        guard let notAfter = X509_get0_notAfter(cert), ASN1_TIME_diff(&days, &secs, nil, notAfter) == 1 else { return -1 }
        return Int(days) * 86_400 + Int(secs)
    }

    /// True when `issuer`'s key signed this certificate.
    public func isSigned(by issuer: HubX509) -> Bool {
        guard let key = X509_get0_pubkey(issuer.cert) else { return false }
        return X509_verify(cert, key) == 1
    }

    /// True when this certificate holds the public half of `key`.
    public func matches(_ key: HubPrivateKey) -> Bool { X509_check_private_key(cert, key.pkey) == 1 }
}

/// Helpers for names in certificates.
enum HubTLSNames {
    /// True for an IPv4 or IPv6 address in text form.
    static func isIPAddress(_ s: String) -> Bool { ipBytes(s) != nil }

    static func ipBytes(_ s: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, s, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, s, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func ipText(_ bytes: [UInt8]) -> String? {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        var buf = [CChar](repeating: 0, count: 64)
        let ok = bytes.withUnsafeBytes { inet_ntop(bytes.count == 4 ? AF_INET : AF_INET6, $0.baseAddress, &buf, 64) }
        guard ok != nil else { return nil }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The canonical text of a SAN (IP addresses normalised, DNS names lowercased).
    static func canonical(_ s: String) -> String {
        if let b = ipBytes(s), let t = ipText(b) { return t }
        return s.lowercased()
    }
}

/// Runs `body` with a read-only memory BIO over `text`.
func withMemoryBIO<T>(_ text: String, _ body: (OpaquePointer) throws -> T) throws -> T {
    var bytes = Array(text.utf8)
    return try bytes.withUnsafeMutableBytes { raw in
        guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { throw HubTLSError("out of memory") }
        defer { BIO_free(bio) }
        return try body(bio)
    }
}

/// The text a PEM writer puts into a fresh memory BIO.
func pemText(_ write: (OpaquePointer) -> Int32) -> String {
    guard let bio = BIO_new(BIO_s_mem()) else { return "" }
    defer { BIO_free(bio) }
    guard write(bio) == 1 else { return "" }
    var data: UnsafeMutablePointer<CChar>?
    let n = cssl_bio_mem_data(bio, &data)
    guard let data, n > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
}
