import Foundation
import KealmYAML
import Testing

/// End-to-end tests of `kealm appset generate` and `kealm placement decide` on files.
/// They run the `kealm` binary built next to the test bundle and are skipped when it is absent.
enum CLI {
    static let kealm: String? = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let path = dir + "/kealm"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()
    /// `../shared/seed-demo/applicationsets` next to the repository (or next to its worktree folder).
    static let demo: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [root.deletingLastPathComponent(), root.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("shared/seed-demo/applicationsets").path }
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }()
}

@Suite(.enabled(if: CLI.kealm != nil)) struct FleetCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let demo = CLI.demo

    /// Runs kealm; returns (exit status, stdout).
    static func run(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.kealm!)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func items(_ json: String) throws -> [YAMLNode] { try JSON.decode(json)["items"]?.items ?? [] }

    @Test func ownFixtureOverlayByEnvLabel() throws {
        let (rc, out) = try Self.run(["appset", "generate", "-o", "json",
            "-f", "\(Self.fixtures)/appset-vm.yaml", "-f", "\(Self.fixtures)/cluster-secrets.yaml"])
        #expect(rc == 0)
        let apps = try Self.items(out)
        #expect(apps.map { $0.string(at: "metadata", "name") } == ["edge-dev-vm", "edge-prod-vm"])
        #expect(apps.map { $0.string(at: "spec", "source", "path") } == ["apps/vm/overlays/dev", "apps/vm/overlays/prod"])
    }

    /// The upstream demo's ApplicationSets (read when present next to the repository): one
    /// Application per cluster, and demo-vm's overlay chosen by the `env` label.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: CLI.demo))) func upstreamDemo() throws {
        let sets = try FileManager.default.contentsOfDirectory(atPath: Self.demo).sorted().compactMap { dir -> String? in
            let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(Self.demo)/\(dir)")) ?? []
            return files.first { $0.hasPrefix("applicationset-") && $0.hasSuffix(".yaml") }.map { "\(Self.demo)/\(dir)/\($0)" }
        }
        #expect(!sets.isEmpty)
        var args = ["appset", "generate", "-o", "json", "-f", "\(Self.fixtures)/cluster-secrets.yaml"]
        for s in sets { args += ["-f", s] }
        let (rc, out) = try Self.run(args)
        #expect(rc == 0)
        let apps = try Self.items(out)
        #expect(apps.count == 2 * sets.count)
        let vm = apps.filter { $0.string(at: "metadata", "name")?.hasSuffix("-demo-vm") == true }
        if !vm.isEmpty {
            #expect(vm.map { $0.string(at: "spec", "source", "path") ?? "" }.map { $0.split(separator: "/").last.map(String.init) } == ["dev", "prod"])
            #expect(vm.map { $0.string(at: "spec", "destination", "server") } == ["https://edge-dev.example:6443", "https://edge-prod.example:6443"])
        }
    }

    /// Placement → GitOpsCluster secrets → clusterDecisionResource, all from one file.
    @Test func hubPipeline() throws {
        let (rc, out) = try Self.run(["appset", "generate", "-o", "json", "--now", "2026-02-01T00:00:00Z", "-f", "\(Self.fixtures)/hub.yaml"])
        #expect(rc == 0)
        let apps = try Self.items(out)
        #expect(apps.map { $0.string(at: "metadata", "name") } == ["edge-prod-placed"])
        #expect(apps.first?.string(at: "spec", "destination", "server") == "https://edge-prod.example:6443")

        let (rc2, decided) = try Self.run(["placement", "decide", "-o", "json", "--now", "2026-02-01T00:00:00Z", "-f", "\(Self.fixtures)/hub.yaml"])
        #expect(rc2 == 0)
        let objs = try Self.items(decided)
        #expect(objs.map { $0.string(at: "kind") } == ["Placement", "PlacementDecision"])
        #expect(objs[0][path: ["status", "numberOfSelectedClusters"]]?.intValue == 1)
        #expect(objs[1].string(at: "metadata", "name") == "prod-decision-1")

        let (_, explained) = try Self.run(["placement", "decide", "--explain", "--now", "2026-02-01T00:00:00Z", "-f", "\(Self.fixtures)/hub.yaml"])
        #expect(explained.contains("edge-dev: matches none of the 1 predicate(s)"))
    }

    @Test func generatorErrorExitsNonZero() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kealm-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml").path
        try """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: bad, namespace: argocd}
            spec:
              generators: [{clusterDecisionResource: {configMapRef: missing, name: x}}]
              template: {metadata: {name: x}}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let (rc, _) = try Self.run(["appset", "generate", "-f", file])
        #expect(rc == 1)
    }

    /// Golden output of the offline commands (regenerate with KEALM_UPDATE_GOLDEN=1, review the diff).
    @Test(arguments: [
        ("placement-decide.yaml", ["placement", "decide", "--now", "2026-02-01T00:00:00Z", "-f", "hub.yaml"]),
        ("placement-explain.txt", ["placement", "decide", "--explain", "--now", "2026-02-01T00:00:00Z", "-f", "hub.yaml"]),
        ("appset-generate-hub.yaml", ["appset", "generate", "--now", "2026-02-01T00:00:00Z", "-f", "hub.yaml"]),
        ("appset-generate-vm.yaml", ["appset", "generate", "-f", "appset-vm.yaml", "-f", "cluster-secrets.yaml"]),
    ])
    func golden(name: String, args: [String]) throws {
        let resolved = args.map { $0.hasSuffix(".yaml") ? "\(Self.fixtures)/\($0)" : $0 }
        let (rc, out) = try Self.run(resolved)
        #expect(rc == 0)
        let path = "\(Self.fixtures)/golden/\(name)"
        if ProcessInfo.processInfo.environment["KEALM_UPDATE_GOLDEN"] != nil {
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(out == expected)
    }
}
