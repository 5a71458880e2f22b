import Foundation
import Synchronization

/// Turns `Credentials` into what each request carries: an `Authorization` header value and,
/// for exec plugins that return certificates, a client certificate and key. Token files are
/// re-read at most once a minute (projected service account tokens rotate); exec credentials
/// are cached until they expire. Never logs what it returns.
final class AuthProvider: Sendable {
    struct Material: Sendable {
        var authorization: String?
        var clientCertificate: PEMSource?
        var clientKey: PEMSource?
    }

    let credentials: Credentials
    private let exec: ExecCredentialCache?
    private let fileToken = Mutex<(token: String, readAt: Date)?>(nil)
    let tokenFileRefresh: TimeInterval = 60

    init(_ credentials: Credentials) {
        self.credentials = credentials
        if case .exec(let e, let cluster) = credentials {
            exec = ExecCredentialCache(exec: e, cluster: cluster)
        } else {
            exec = nil
        }
    }

    /// The material for the next request. Blocking (may read a file or run a plugin).
    func material(now: Date = Date()) throws(KubeError) -> Material {
        switch credentials {
        case .none: return Material()
        case .token(let t): return Material(authorization: "Bearer \(t)")
        case .basic(let u, let p):
            return Material(authorization: "Basic " + Data("\(u):\(p)".utf8).base64EncodedString())
        case .tokenFile(let path):
            if let cached = fileToken.withLock({ $0 }), now.timeIntervalSince(cached.readAt) < tokenFileRefresh {
                return Material(authorization: "Bearer \(cached.token)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .config("cannot read the token file", file: path, field: "tokenFile",
                    hint: "check that the file exists and is readable")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            fileToken.withLock { $0 = (token, now) }
            return Material(authorization: "Bearer \(token)")
        case .exec:
            let c = try exec!.credential(now: now)
            return Material(
                authorization: c.token.map { "Bearer \($0)" },
                clientCertificate: c.clientCertificateData.map(PEMSource.data),
                clientKey: c.clientKeyData.map(PEMSource.data))
        }
    }

    /// True when a 401 may be cured by fetching the credential again.
    var canRefresh: Bool {
        switch credentials {
        case .tokenFile, .exec: return true
        default: return false
        }
    }

    /// Drops cached credentials after a 401.
    func invalidate() {
        exec?.invalidate()
        fileToken.withLock { $0 = nil }
    }
}
