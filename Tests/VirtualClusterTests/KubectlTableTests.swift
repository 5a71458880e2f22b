import Foundation
import KealmYAML
import Testing

/// The header line and the cells of each row of `kubectl get` output (split on runs of 2+ spaces).
func kubectlTable(_ out: String) -> (header: [String], rows: [[String]]) {
    let lines = out.split(separator: "\n").map(String.init)
    func cells(_ l: String) -> [String] {
        l.replacingOccurrences(of: "\t", with: "  ").components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    guard let first = lines.first else { return ([], []) }
    return (cells(first), lines.dropFirst().map(cells))
}

let gadgetCRDYAML = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: gadgets.example.com
    spec:
      group: example.com
      scope: Namespaced
      names: {kind: Gadget, plural: gadgets, singular: gadget}
      versions:
      - name: v1
        served: true
        storage: true
        subresources: {status: {}}
        additionalPrinterColumns:
        - {name: Size, type: integer, jsonPath: .spec.size}
        - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
        - {name: Color, type: string, jsonPath: .spec.color, priority: 1}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                required: [size]
                properties:
                  size: {type: integer, minimum: 1}
                  color: {type: string, enum: [red, blue]}
              status:
                type: object
                x-kubernetes-preserve-unknown-fields: true
    """

/// `kubectl get` columns, `-o wide`, CRD printer columns, `--field-selector`, schema errors and
/// pruning, against a spawned `kealm hub serve`.
@Suite(.enabled(if: kubectlAvailable), .serialized) struct KubectlTableTests {
    func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

    @Test func columnsWideAndFieldSelectors() async throws {
        try await withHub(extra: ["--stages", "none"]) { hub in
            let dir = hub.dir
            let k = Kubectl(kubeconfig: hub.data + "/admin.kubeconfig", dir: dir)
            try write("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: nginx, image: "nginx:1.27"}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p1}
                spec: {nodeName: node-a, containers: [{name: c, image: busybox}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p2}
                spec: {nodeName: node-b, restartPolicy: Never, containers: [{name: c, image: busybox}]}
                """, dir + "/objects.yaml")
            var r = try await k.run(["apply", "-f", dir + "/objects.yaml"])
            #expect(r.status == 0, "\(r.err)")

            r = try await k.run(["get", "deployments"])
            var t = kubectlTable(r.out)
            #expect(t.header == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], "\(r.out) \(r.err)")
            #expect(t.rows.first?.prefix(4) == ["web", "0/2", "0", "0"], "\(r.out)")
            r = try await k.run(["get", "deployments", "-o", "wide"])
            t = kubectlTable(r.out)
            #expect(t.header == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], "\(r.out)")
            #expect(t.rows.first?.suffix(3) == ["nginx", "nginx:1.27", "app=web"], "\(r.out)")

            r = try await k.run(["get", "pods", "-o", "wide"])
            t = kubectlTable(r.out)
            #expect(t.header == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"], "\(r.out)")
            #expect(t.rows.count == 2 && t.rows.first?.prefix(4) == ["p1", "0/1", "Pending", "0"], "\(r.out)")

            r = try await k.run(["get", "pods", "--field-selector", "spec.nodeName=node-b", "-o", "name"])
            #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "pod/p2", "\(r.out) \(r.err)")
            r = try await k.run(["get", "pods", "--field-selector", "spec.restartPolicy!=Never,metadata.name!=p3", "-o", "name"])
            #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "pod/p1", "\(r.out) \(r.err)")
            r = try await k.run(["get", "pods", "--field-selector", "spec.bogus=1"])
            #expect(r.status != 0 && r.err.contains("field label not supported: spec.bogus"), "\(r.err)")

            r = try await k.run(["get", "namespaces", "--field-selector", "status.phase=Active"])
            t = kubectlTable(r.out)
            #expect(t.header == ["NAME", "STATUS", "AGE"] && t.rows.contains { $0.first == "default" && $0.dropFirst().first == "Active" }, "\(r.out)")
            r = try await k.run(["get", "configmaps,secrets", "-A"])
            #expect(r.status == 0, "\(r.err)")

            // `kubectl get -w`: Table events, the columns from the first one.
            let watcher = try k.start(["get", "pods", "-w"])
            try await Task.sleep(for: .milliseconds(800))
            try write("apiVersion: v1\nkind: Pod\nmetadata: {name: p3}\nspec: {containers: [{name: c, image: busybox}]}\n", dir + "/p3.yaml")
            r = try await k.run(["create", "-f", dir + "/p3.yaml"])
            #expect(r.status == 0, "\(r.err)")
            var seen = false
            for _ in 0..<50 {
                if watcher.stdout.contains("p3") { seen = true; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            watcher.signal(SIGTERM)
            _ = await watcher.wait()
            let lines = watcher.stdout.split(separator: "\n").map(String.init)
            #expect(seen && kubectlTable(lines.first ?? "").header == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "\(watcher.stdout) \(watcher.stderr)")
            #expect(lines.contains { kubectlTable("h\n" + $0).rows.first?.prefix(3) == ["p3", "0/1", "Pending"] }, "\(watcher.stdout)")
        }
    }

    @Test func customResourceColumnsValidationAndPruning() async throws {
        try await withHub(extra: ["--stages", "none"]) { hub in
            let dir = hub.dir
            let k = Kubectl(kubeconfig: hub.data + "/admin.kubeconfig", dir: dir)
            try write(gadgetCRDYAML, dir + "/crd.yaml")
            var r = try await k.run(["apply", "-f", dir + "/crd.yaml"])
            #expect(r.status == 0, "\(r.err)")
            try write("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\nspec: {size: 3, color: red}\n", dir + "/g1.yaml")
            r = try await k.run(["apply", "-f", dir + "/g1.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["get", "gadgets"])
            var t = kubectlTable(r.out)
            #expect(t.header == ["NAME", "SIZE", "READY", "AGE"], "\(r.out) \(r.err)")
            // No Ready condition yet: the READY cell is empty.
            #expect(t.rows.first?.prefix(2) == ["g1", "3"] && t.rows.first?.count == 3, "\(r.out)")
            r = try await k.run(["get", "gadgets", "-o", "wide"])
            t = kubectlTable(r.out)
            #expect(t.header == ["NAME", "SIZE", "READY", "COLOR", "AGE"] && t.rows.first?.contains("red") == true, "\(r.out)")
            try write(#"{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g1"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#,
                      dir + "/g1-status.json")
            r = try await k.run(["replace", "--subresource", "status", "-f", dir + "/g1-status.json"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["get", "gadget", "g1"])
            t = kubectlTable(r.out)
            #expect(t.rows.first?.prefix(3) == ["g1", "3", "True"], "\(r.out)")

            // An invalid custom resource: 422, kubectl names the field.
            try write("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g2}\nspec: {size: 0, color: green}\n", dir + "/g2.yaml")
            r = try await k.run(["apply", "-f", dir + "/g2.yaml"])
            #expect(r.status != 0 && r.err.contains("spec.size") && r.err.contains("spec.color") && r.err.contains("is invalid"), "\(r.err)")
            try write("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g3}\nspec: {color: red}\n", dir + "/g3.yaml")
            r = try await k.run(["create", "-f", dir + "/g3.yaml"])
            #expect(r.status != 0 && r.err.contains("spec.size: Required value"), "\(r.err)")

            // Unknown fields: refused under kubectl's default strict validation, pruned without it.
            try write("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g4}\nspec: {size: 1, shape: round}\n", dir + "/g4.yaml")
            r = try await k.run(["apply", "-f", dir + "/g4.yaml"])
            #expect(r.status != 0 && r.err.contains("unknown field \"spec.shape\""), "\(r.err)")
            r = try await k.run(["apply", "--validate=false", "-f", dir + "/g4.yaml"])
            #expect(r.status == 0, "\(r.err)")
            r = try await k.run(["get", "gadget", "g4", "-o", "json"])
            let g4 = try JSON.decode(r.out)
            #expect(g4[path: ["spec", "shape"]] == nil && g4[path: ["spec", "size"]]?.intValue == 1, "\(r.out)")
        }
    }
}
