import Foundation
import KealmYAML
import Testing

let kubectlAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl")

let crdYAML = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com
    spec:
      group: example.com
      scope: Namespaced
      names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
      versions:
      - name: v1
        served: true
        storage: true
        subresources: {status: {}}
        schema:
          openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    """

/// Drives the real kubectl against a spawned `kealm hub serve`.
@Suite(.enabled(if: kubectlAvailable), .serialized) struct KubectlTests {
    func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

    /// A kubeconfig for a new logical cluster.
    func clusterKubeconfig(_ hub: HubProcess, _ name: String) async throws -> String {
        let (st, _, err) = try await hub.kealm(["cluster", "create", name])
        #expect(st == 0, "\(err)")
        let (st2, kc, err2) = try await hub.kealm(["kubeconfig", "--cluster", name])
        #expect(st2 == 0, "\(err2)")
        let path = "\(hub.dir)/\(name).kubeconfig"
        try write(kc, path)
        return path
    }

    @Test func basicRoundTripAndIsolation() async throws {
        try await withHub { hub in
            let dir = hub.dir
            let alpha = Kubectl(kubeconfig: try await clusterKubeconfig(hub, "alpha"), dir: dir)
            let beta = Kubectl(kubeconfig: try await clusterKubeconfig(hub, "beta"), dir: dir)

            var r = try await alpha.run(["create", "namespace", "demo"])
            #expect(r.status == 0, "\(r.err)")
            try write(crdYAML, dir + "/crd.yaml")
            r = try await alpha.run(["apply", "-f", dir + "/crd.yaml"])
            #expect(r.status == 0, "\(r.err)")
            try write("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: demo\n  labels: {app: shop}\nspec:\n  size: 1\n",
                      dir + "/w1.yaml")
            r = try await alpha.run(["apply", "-f", dir + "/w1.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await alpha.run(["get", "widgets", "-n", "demo", "-o", "json"])
            #expect(r.status == 0, "\(r.err)")
            let list = try JSON.decode(r.out)
            #expect(list["items"]?.items?.first?.string(at: "metadata", "name") == "w1")
            r = try await alpha.run(["get", "wd", "w1", "-n", "demo", "-o", "yaml"])
            #expect(r.out.contains("name: w1") && r.out.contains("size: 1"), "\(r.err)")
            r = try await alpha.run(["get", "widgets", "-n", "demo", "-l", "app=shop", "-o", "name"])
            #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "widget.example.com/w1", "\(r.err)")
            r = try await alpha.run(["get", "widgets", "-n", "demo", "-l", "app in (other)", "-o", "name"])
            #expect(r.out.isEmpty)
            r = try await alpha.run(["api-resources"])
            #expect(r.out.contains("widgets") && r.out.contains("example.com/v1"), "\(r.err)")

            // The other cluster has neither the CRD nor the namespace.
            r = try await beta.run(["get", "widgets", "-n", "demo"])
            #expect(r.status != 0)
            r = try await beta.run(["get", "namespace", "demo"])
            #expect(r.status != 0 && r.err.contains("NotFound") || r.err.contains("not found"))

            // A token limited to one namespace and to reading.
            let (st, kc, _) = try await hub.kealm(["kubeconfig", "--cluster", "alpha", "--namespaces", "demo", "--verbs", "get,list,watch",
                                                   "--user", "reader"])
            #expect(st == 0)
            try write(kc, dir + "/reader.kubeconfig")
            let reader = Kubectl(kubeconfig: dir + "/reader.kubeconfig", dir: dir)
            r = try await reader.run(["get", "widgets", "-n", "demo", "-o", "name"])
            #expect(r.status == 0 && r.out.contains("w1"), "\(r.err)")
            r = try await reader.run(["get", "configmaps", "-n", "default"])
            #expect(r.status != 0 && r.err.contains("Forbidden"), "\(r.err)")
            r = try await reader.run(["-n", "demo", "create", "configmap", "nope", "--from-literal=a=1"])
            #expect(r.status != 0 && r.err.contains("forbidden"), "\(r.err)")

            // Logical clusters are listed and can be deleted.
            var (lst, out, _) = try await hub.kealm(["cluster", "list"])
            #expect(lst == 0 && out.split(separator: "\n") == ["alpha", "beta", "default"])
            (lst, _, _) = try await hub.kealm(["cluster", "delete", "beta"])
            #expect(lst == 0)
            (_, out, _) = try await hub.kealm(["cluster", "list"])
            #expect(out.split(separator: "\n") == ["alpha", "default"])

            // Wrong token.
            let bad = try String(contentsOfFile: alpha.kubeconfig, encoding: .utf8)
                .replacingOccurrences(of: #"token: "[0-9a-f]+""#, with: "token: \"nope\"", options: .regularExpression)
                .replacingOccurrences(of: #"/auth/[0-9a-f]+"#, with: "/auth/nope", options: .regularExpression)
            try write(bad, dir + "/bad.kubeconfig")
            r = try await Kubectl(kubeconfig: dir + "/bad.kubeconfig", dir: dir).run(["get", "namespaces"])
            #expect(r.status != 0 && (r.err.contains("Unauthorized") || r.err.contains("provide credentials")), "\(r.err)")
        }
    }

    @Test func watchAndFinalizers() async throws {
        try await withHub { hub in
            let dir = hub.dir
            let k = Kubectl(kubeconfig: hub.data + "/admin.kubeconfig", dir: dir)
            var r = try await k.run(["get", "configmaps", "-n", "default"])
            #expect(r.status == 0, "\(r.err)")
            let watcher = try k.start(["get", "configmaps", "-n", "default", "-w", "--output-watch-events"])
            try await Task.sleep(for: .milliseconds(800))
            try write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\ndata: {a: \"1\"}\n",
                      dir + "/held.yaml")
            r = try await k.run(["apply", "-f", dir + "/held.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["delete", "configmap", "held", "--wait=false"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["get", "configmap", "held", "-o", "jsonpath={.metadata.deletionTimestamp}"])
            #expect(r.status == 0 && !r.out.isEmpty, "still there, Terminating: \(r.err)")
            r = try await k.run(["get", "configmap", "held", "-o", "json"])
            var obj = try JSON.decode(r.out)
            obj[path: ["metadata", "finalizers"]] = nil
            try write(JSON.encode(obj), dir + "/released.json")
            r = try await k.run(["replace", "-f", dir + "/released.json"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["get", "configmap", "held"])
            #expect(r.status != 0 && r.err.contains("NotFound"), "\(r.err)")
            var seen = false
            for _ in 0..<50 {
                if watcher.stdout.contains("DELETED") { seen = true; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            watcher.signal(SIGTERM)
            await watcher.wait()
            #expect(seen, "watch output: \(watcher.stdout) \(watcher.stderr)")
            #expect(watcher.stdout.contains("ADDED") && watcher.stdout.contains("MODIFIED") && watcher.stdout.contains("held"))
        }
    }

    @Test func patchesApplyAndEdit() async throws {
        try await withHub { hub in
            let dir = hub.dir
            let k = Kubectl(kubeconfig: try await clusterKubeconfig(hub, "gamma"), dir: dir)
            var r = try await k.run(["create", "namespace", "demo"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "create", "configmap", "cfg", "--from-literal=a=1"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "label", "configmap", "cfg", "team=blue"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "annotate", "configmap", "cfg", "note=hello"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "patch", "configmap", "cfg", "--type", "merge", "-p", #"{"data":{"b":"2"}}"#])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "patch", "configmap", "cfg", "--type", "json", "-p", #"[{"op":"add","path":"/data/c","value":"3"}]"#])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "patch", "configmap", "cfg", "--type", "strategic", "-p", #"{"data":{"d":"4"}}"#])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "get", "configmap", "cfg", "-o", "json"])
            let cfg = try JSON.decode(r.out)
            #expect(JSON.encode(cfg["data"] ?? .null) == #"{"a":"1","b":"2","c":"3","d":"4"}"#)
            #expect(cfg.string(at: "metadata", "labels", "team") == "blue" && cfg.string(at: "metadata", "annotations", "note") == "hello")
            r = try await k.run(["-n", "demo", "get", "configmap", "-l", "team=blue", "-o", "name"])
            #expect(r.out.contains("configmap/cfg"))

            // Server-side apply, a conflict with another manager, then forcing it.
            try write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: demo}\ndata: {x: \"1\"}\n", dir + "/ssa1.yaml")
            try write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: demo}\ndata: {x: \"2\"}\n", dir + "/ssa2.yaml")
            r = try await k.run(["apply", "--server-side", "-f", dir + "/ssa1.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["apply", "--server-side", "--field-manager=other", "-f", dir + "/ssa2.yaml"])
            #expect(r.status != 0 && r.err.contains("conflict"), "\(r.out) \(r.err)")
            r = try await k.run(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", dir + "/ssa2.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["-n", "demo", "get", "configmap", "ssa", "-o", "json", "--show-managed-fields"])
            let ssa = try JSON.decode(r.out)
            #expect(ssa.string(at: "data", "x") == "2")
            #expect(ssa[path: ["metadata", "managedFields"]]?.items?.contains { $0.string(at: "manager") == "other" } == true)

            // Client-side apply of a changed object (strategic merge patch with last-applied).
            try write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: csa, namespace: demo}\ndata: {x: \"1\"}\n", dir + "/csa.yaml")
            r = try await k.run(["apply", "-f", dir + "/csa.yaml"])
            #expect(r.status == 0, "\(r.err)")
            try write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: csa, namespace: demo}\ndata: {k2: \"2\"}\n", dir + "/csa.yaml")
            r = try await k.run(["apply", "-f", dir + "/csa.yaml"])
            #expect(r.status == 0 && r.out.contains("configured"), "\(r.out) \(r.err)")
            r = try await k.run(["-n", "demo", "get", "configmap", "csa", "-o", "jsonpath={.data}"])
            #expect(r.out == #"{"k2":"2"}"#, "\(r.out)")

            // kubectl edit through KUBE_EDITOR.
            let editor = dir + "/editor.sh"
            try write("#!/bin/sh\nsed -i 's/^  k2: \"2\"/  k2: \"edited\"/' \"$1\"\n", editor)
            chmod(editor, 0o755)
            // Run through `sh` rather than exec'd: a parallel test's fork can still hold the fresh
            // script open for writing, and exec would then fail with ETXTBSY.
            r = try await k.run(["-n", "demo", "edit", "configmap", "csa"], env: ["KUBE_EDITOR": "sh " + editor])
            #expect(r.status == 0, "\(r.out) \(r.err)")
            r = try await k.run(["-n", "demo", "get", "configmap", "csa", "-o", "jsonpath={.data.k2}"])
            #expect(r.out == "edited", "\(r.out)")
        }
    }
}
