import Hummingbird
import NIOCore
import NIOSSL

/// The hub's request context: Hummingbird's core storage plus the connection, so that the client
/// certificate of a TLS connection can be read and a fault can close the connection.
public struct HubRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on (a fault can close it).
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
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
