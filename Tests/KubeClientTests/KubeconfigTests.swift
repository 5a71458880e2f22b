import Foundation
import KealmYAML
import Testing

@testable import KubeClient

@Suite struct KubeconfigTests {
    static let fileA = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c1
          cluster:
            server: https://a.example:6443
            certificate-authority: ca.pem
            tls-server-name: api.a
            proxy-url: http://127.0.0.1:3128
        - name: shared
          cluster:
            server: https://from-a
        users:
        - name: u1
          user:
            token: tok-a
            tokenFile: sub/token
        - name: ux
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ./plugin.sh
              args: [a, b]
              env: [{name: X, value: "1"}]
              interactiveMode: Never
              provideClusterInfo: true
        contexts:
        - name: ctx1
          context: {cluster: c1, user: u1, namespace: ns1}
        - name: ctxx
          context: {cluster: shared, user: ux}
        """
    static let fileB = """
        apiVersion: v1
        kind: Config
        current-context: ctx2
        clusters:
        - name: shared
          cluster:
            server: https://from-b
            insecure-skip-tls-verify: true
        - name: c2
          cluster:
            server: http://127.0.0.1:8080
            certificate-authority-data: aGVsbG8=
        users:
        - name: u1
          user: {username: bob, password: pw}
        - name: u2
          user: {client-certificate: cert.pem, client-key: /abs/key.pem, client-certificate-data: aGVsbG8=}
        contexts:
        - name: ctx2
          context: {cluster: c2, user: u2}
        - name: ctx1
          context: {cluster: shared, user: u2}
        """
    static let fileC = """
        apiVersion: v1
        kind: Config
        current-context: ctx1
        clusters:
        - name: c3
          cluster: {server: "https://[::1]:6443", certificate-authority-data: "d29ybGQ="}
        users:
        - name: u3
          user: {client-certificate-data: "Y2VydA==", client-key-data: "a2V5"}
        contexts:
        - name: ctx3
          context: {cluster: c3, user: u3, namespace: team}
        """

    /// Our merged view equals `kubectl config view --raw -o json` for the same KUBECONFIG.
    @Test(arguments: [
        ["a.yaml", "missing.yaml", "sub/b.yaml"], ["sub/b.yaml", "a.yaml"], ["c.yaml", "a.yaml", "sub/b.yaml"],
        ["a.yaml", "c.yaml"], ["sub/b.yaml", "sub/b.yaml", "c.yaml"],
    ])
    func mergeMatchesKubectl(order: [String]) throws {
        let dir = TempDir("kcfg")
        defer { dir.cleanup() }
        _ = dir.write("a.yaml", Self.fileA)
        _ = dir.write("sub/b.yaml", Self.fileB)
        _ = dir.write("c.yaml", Self.fileC)
        let list = order.map { dir.path + "/" + $0 }.joined(separator: ":")
        let ours = try KubeconfigLoader.load(environment: ["KUBECONFIG": list])
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = list
        let (status, out) = try run(["kubectl", "config", "view", "--raw", "-o", "json"], environment: env)
        #expect(status == 0)
        let theirs = try JSON.decode(out)
        #expect(canonical(ours.rawView()) == canonical(theirs))
    }

    @Test func explicitFileMustExist() throws {
        #expect(throws: KubeError.self) { try KubeconfigLoader.load(explicitPath: "/nonexistent/kubeconfig") }
        let files = KubeconfigLoader.files(environment: ["KUBECONFIG": "a::b:a", "HOME": "/h"])
        #expect(files == ["a", "b"])
        #expect(KubeconfigLoader.files(environment: ["HOME": "/h"]) == ["/h/.kube/config"])
    }

    @Test func resolvesContextRelativeToOrigin() throws {
        let a = try Kubeconfig(node: JSON.decode(Self.fileA), origin: "/cfg/a.yaml")
        let b = try Kubeconfig(node: JSON.decode(Self.fileB), origin: "/cfg/sub/b.yaml")
        let merged = Kubeconfig.merged([a, b])
        #expect(merged.currentContext == "ctx2")
        let c1 = try merged.clientConfig(context: "ctx1")
        #expect(c1.server == "https://a.example:6443")
        #expect(c1.caCertificate == .file("/cfg/ca.pem"))
        #expect(c1.credentials == .token("tok-a"))
        #expect(c1.namespace == "ns1")
        #expect(c1.tlsServerName == "api.a")
        let c2 = try merged.clientConfig()
        #expect(c2.caCertificate == .data(Array("hello".utf8)))
        #expect(c2.clientCertificate == .data(Array("hello".utf8)))
        #expect(c2.clientKey == .file("/abs/key.pem"))
        #expect(c2.namespace == "default")
        let cx = try merged.clientConfig(context: "ctxx")
        guard case .exec(let e, let cluster) = cx.credentials else {
            Issue.record("expected exec credentials")
            return
        }
        #expect(e.command == "/cfg/plugin.sh")
        #expect(e.args == ["a", "b"])
        #expect(cluster.server == "https://from-a")
        #expect(throws: KubeError.self) { try merged.clientConfig(context: "nope") }
    }

    @Test func rejectsBadFiles() throws {
        let dup = "clusters: [{name: x, cluster: {server: a}}, {name: x, cluster: {server: b}}]"
        #expect(throws: KubeError.self) { try Kubeconfig(node: JSON.decode(dup)) }
        let b64 = "clusters: [{name: x, cluster: {server: a, certificate-authority-data: '***'}}]"
        let node = try JSON.decode(b64)
        do {
            _ = try Kubeconfig(node: node, origin: "/k")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "clusters[x].certificate-authority-data")
            #expect(error.file == "/k")
        }
    }

    @Test func inCluster() throws {
        let cfg = try InClusterConfig.make(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"], directory: "/sa",
            namespace: "kealm-system")
        #expect(cfg.server == "https://[fd00::1]:443")
        #expect(cfg.credentials == .tokenFile("/sa/token"))
        #expect(cfg.caCertificate == .file("/sa/ca.crt"))
        #expect(cfg.namespace == "kealm-system")
        #expect(throws: KubeError.self) { try InClusterConfig.make(environment: [:], namespace: nil) }
    }
}

@Suite struct ExecPluginTests {
    @Test func runsPluginAndCachesUntilExpiry() throws {
        let dir = TempDir("exec")
        defer { dir.cleanup() }
        let counter = dir.path + "/count"
        let plugin = dir.write("plugin.sh", """
            #!/bin/sh
            echo x >> "\(counter)"
            n=$(wc -l < "\(counter)")
            case "$KUBERNETES_EXEC_INFO" in *'"server":"https://hub"'*) ;; *) exit 3;; esac
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t%s-%s","expirationTimestamp":"%s"}}' "$n" "$EXTRA" "$EXP"
            """, mode: 0o755)
        let exec = Kubeconfig.ExecConfig(
            command: plugin, env: [.init(name: "EXTRA", value: "e"), .init(name: "EXP", value: "2030-01-01T00:00:00Z")],
            apiVersion: "client.authentication.k8s.io/v1", provideClusterInfo: true)
        let cache = ExecCredentialCache(exec: exec, cluster: .init(server: "https://hub"))
        let now = try Date("2029-12-31T23:00:00Z", strategy: .iso8601)
        #expect(try cache.credential(now: now).token == "t1-e")
        #expect(try cache.credential(now: now).token == "t1-e")
        // Within the refresh skew of the expiry: the plugin runs again.
        #expect(try cache.credential(now: now.addingTimeInterval(3595)).token == "t2-e")
        cache.invalidate()
        #expect(try cache.credential(now: now).token == "t3-e")
    }

    @Test func rejectsWrongAnswers() {
        let v1 = "client.authentication.k8s.io/v1"
        #expect(throws: KubeError.self) {
            try ExecCredential(output: #"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}"#,
                expectedAPIVersion: v1, command: "p")
        }
        #expect(throws: KubeError.self) {
            try ExecCredential(output: #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#,
                expectedAPIVersion: v1, command: "p")
        }
        #expect(throws: KubeError.self) { try ExecCredential(output: "nope: [", expectedAPIVersion: v1, command: "p") }
    }
}
