import Foundation
import Testing

/// The real kubectl against `kealm hub serve --tls`: the generated admin kubeconfig (plain bearer
/// token over HTTPS), a client-certificate kubeconfig with a namespace scope, and refusals.
@Suite(.enabled(if: kubectlAvailable), .serialized) struct KubectlTLSTests {
    func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

    @Test func adminKubeconfigGetApplyWatch() async throws {
        try await withHub(extra: ["--tls"]) { hub in
            let dir = hub.dir
            #expect(hub.base.hasPrefix("https://127.0.0.1:"))
            let admin = hub.data + "/admin.kubeconfig"
            let text = try String(contentsOfFile: admin, encoding: .utf8)
            #expect(text.contains("server: \"https://127.0.0.1:") && text.contains("certificate-authority-data:"))
            #expect(!text.contains("/auth/"), "over HTTPS the token travels as a bearer header only")
            let k = Kubectl(kubeconfig: admin, dir: dir)
            var r = try await k.run(["get", "configmaps", "-n", "default"])
            #expect(r.status == 0, "\(r.err)")
            let watcher = try k.start(["get", "configmaps", "-n", "default", "-w", "--output-watch-events"])
            try await Task.sleep(for: .milliseconds(800))
            try write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: secure\ndata: {a: \"1\"}\n", dir + "/secure.yaml")
            r = try await k.run(["apply", "-f", dir + "/secure.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["get", "configmap", "secure", "-o", "jsonpath={.data.a}"])
            #expect(r.status == 0 && r.out == "1", "\(r.err)")
            var seen = false
            for _ in 0..<50 {
                if watcher.stdout.contains("ADDED") && watcher.stdout.contains("secure") { seen = true; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            watcher.signal(SIGTERM)
            await watcher.wait()
            #expect(seen, "watch output: \(watcher.stdout) \(watcher.stderr)")
        }
    }

    @Test func clientCertificateScopeAndRefusals() async throws {
        try await withHub(extra: ["--tls"]) { hub in
            let dir = hub.dir
            var (st, out, err) = try await hub.kealm(["cluster", "create", "alpha"])
            #expect(st == 0, "\(err)")
            (st, out, err) = try await hub.kealm(["kubeconfig", "--cluster", "alpha", "--user", "ops"])
            #expect(st == 0, "\(err)")
            try write(out, dir + "/ops.kubeconfig")
            let ops = Kubectl(kubeconfig: dir + "/ops.kubeconfig", dir: dir)
            var r = try await ops.run(["create", "namespace", "team"])
            #expect(r.status == 0, "\(r.err)")

            (st, out, err) = try await hub.kealm(["kubeconfig", "--cluster", "alpha", "--client-cert", "--user", "alice",
                                                   "--namespaces", "team"])
            #expect(st == 0, "\(err)")
            #expect(out.contains("client-certificate-data:") && !out.contains("token:"))
            try write(out, dir + "/alice.kubeconfig")
            let alice = Kubectl(kubeconfig: dir + "/alice.kubeconfig", dir: dir)
            r = try await alice.run(["create", "configmap", "c1", "--from-literal=k=v"])
            #expect(r.status == 0, "\(r.err)")
            r = try await alice.run(["get", "configmap", "c1", "-o", "jsonpath={.data.k}"])
            #expect(r.status == 0 && r.out == "v", "\(r.err)")
            r = try await alice.run(["get", "configmaps", "-n", "default"])
            #expect(r.status != 0 && r.err.contains("Forbidden") && r.err.contains("alice"), "\(r.err)")

            // No credentials: 401.
            let ca = try #require(out.firstMatch(of: /certificate-authority-data: "([^"]+)"/)?.1)
            let server = try #require(out.firstMatch(of: /server: "([^"]+)"/)?.1)
            try write("""
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "\(server)", certificate-authority-data: "\(ca)"}}]
                users: [{name: u, user: {}}]
                contexts: [{name: c, context: {cluster: c, user: u, namespace: team}}]
                current-context: c
                """, dir + "/anon.kubeconfig")
            r = try await Kubectl(kubeconfig: dir + "/anon.kubeconfig", dir: dir).run(["get", "configmaps"])
            #expect(r.status != 0 && r.err.contains("Unauthorized"), "\(r.err)")
        }
    }
}
