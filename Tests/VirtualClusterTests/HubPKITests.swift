import Foundation
import Testing

@testable import VirtualCluster

/// The hub's CA and certificates under DATA/pki: generated once, reused, re-issued when stale.
@Suite struct HubPKITests {
    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    @Test func generatesOnceAndReuses() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pki = HubPKI(data: HubDataDirectory(dir))
        #expect(!pki.hasAuthority)
        #expect(throws: HubTLSError.self) { try pki.issueClientCertificate(user: "early") }

        let first = try pki.servingCertificates()
        #expect(first.issued)
        #expect(mode(pki.directory) == 0o700)
        #expect(mode(pki.directory + "/ca.key") == 0o600 && mode(pki.directory + "/server.key") == 0o600)
        let ca = try HubX509(pem: first.caPEM)
        let server = try HubX509(pem: first.certificatePEM)
        #expect(server.isSigned(by: ca) && !ca.isSigned(by: server))
        #expect(Set(server.subjectAltNames) == ["127.0.0.1", "::1", "localhost"])
        #expect(server.secondsUntilExpiry > 300 * 86_400)
        #expect(try server.matches(HubPrivateKey(pem: first.keyPEM)))

        // A restart with the same names reuses everything.
        let again = try pki.servingCertificates(extraSANs: ["LOCALHOST", "0:0:0:0:0:0:0:1"])
        #expect(!again.issued && again.certificatePEM == first.certificatePEM && again.caPEM == first.caPEM)

        // A new name re-issues the serving certificate under the same CA; removing it re-issues again.
        let wider = try pki.servingCertificates(extraSANs: ["hub.example.test", "10.1.2.3"])
        #expect(wider.issued && wider.caPEM == first.caPEM)
        #expect(Set(try HubX509(pem: wider.certificatePEM).subjectAltNames)
            == ["127.0.0.1", "::1", "localhost", "hub.example.test", "10.1.2.3"])
        #expect(try pki.servingCertificates().issued)

        // A serving certificate from another CA (a replaced pki) is re-issued.
        let foreign = try HubPKI(data: HubDataDirectory(dir + "/other")).servingCertificates()
        try foreign.certificatePEM.write(toFile: pki.serverCertificatePath, atomically: true, encoding: .utf8)
        try foreign.keyPEM.write(toFile: pki.directory + "/server.key", atomically: true, encoding: .utf8)
        #expect(try pki.servingCertificates().issued)
    }

    @Test func clientCertificatesNameTheUser() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pki = HubPKI(data: HubDataDirectory(dir))
        let ca = try HubX509(pem: pki.servingCertificates().caPEM)
        let issued = try pki.issueClientCertificate(user: "agent-cluster1")
        let cert = try HubX509(pem: issued.certificatePEM)
        #expect(cert.commonName == "agent-cluster1")
        #expect(cert.isSigned(by: ca))
        #expect(cert.sha256Fingerprint == issued.fingerprint && issued.fingerprint.count == 64)
        #expect(cert.subjectAltNames.isEmpty)
        let other = try pki.issueClientCertificate(user: "agent-cluster1")
        #expect(other.fingerprint != issued.fingerprint)
    }

    @Test func certificateRecordsAreNotBearerTokens() {
        #expect(ClientCertificateIdentity.credential(token: "abc", clientCertificateFingerprint: "ff") == "abc")
        #expect(ClientCertificateIdentity.credential(token: nil, clientCertificateFingerprint: "ff") == "x509-sha256:ff")
        #expect(ClientCertificateIdentity.credential(token: "x509-sha256:ff", clientCertificateFingerprint: nil) == nil)
        #expect(ClientCertificateIdentity.credential(token: nil, clientCertificateFingerprint: nil) == nil)
    }

    @Test func urlHostsAndListenNames() {
        #expect(HubPKI.urlHost("::1") == "[::1]" && HubPKI.urlHost("127.0.0.1") == "127.0.0.1")
        #expect(HubPKI.listenSANs("0.0.0.0").isEmpty && HubPKI.listenSANs("10.0.0.5") == ["10.0.0.5"])
    }
}
