import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// How the hub server speaks TLS: its serving certificate, the CA whose client certificates it
/// accepts (optional: bearer tokens keep working), and whether HTTP/2 is offered through ALPN.
public struct HubServerTLS: Sendable {
    public var certificates: HubServingCertificates
    /// Offer `h2` before `http/1.1` in ALPN.
    public var http2: Bool

    public init(certificates: HubServingCertificates, http2: Bool = true) {
        self.certificates = certificates
        self.http2 = http2
    }

    /// The Hummingbird server builder: TLS 1.2+ over HTTP/1.1, or HTTP/2 with HTTP/1.1 fallback.
    func serverBuilder() throws -> HTTPServerBuilder {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificates.certificatePEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(certificates.keyPEM.utf8), format: .pem)
        let authority = try NIOSSLCertificate.fromPEMBytes(Array(certificates.caPEM.utf8))
        var config = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                              privateKey: .privateKey(key))
        config.minimumTLSVersion = .tlsv12
        config.trustRoots = .certificates(authority)
        // Ask for a client certificate without requiring one; a presented one must chain to the hub's CA.
        config.certificateVerification = .optionalVerification
        if http2 { return try .http2Upgrade(tlsConfiguration: config) }
        config.applicationProtocols = ["http/1.1"]
        return try .tls(.http1(), tlsConfiguration: config)
    }
}

/// The hub's request context: Hummingbird's core storage plus the connection, so that the client
/// certificate of a TLS connection can be read.
struct HubRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The SHA-256 fingerprint of the client certificate the handshake verified, if any. An HTTP/2
    /// stream asks its parent connection, which holds the TLS handler.
    func clientCertificateFingerprint() async -> String? {
        for ch in [channel, channel.parent].compactMap({ $0 }) {
            let cert: NIOSSLCertificate?
            do { cert = try await ch.nioSSL_peerCertificate().get() } catch { continue }
            guard let cert, let der = try? cert.toDERBytes() else { return nil }
            return try? HubX509(der: der).sha256Fingerprint
        }
        return nil
    }
}
