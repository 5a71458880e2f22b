import Foundation
import KealmModel
import KealmYAML
import KealmApp
import KubeClient
import Reconcile
import TestSupport

/// A `kealm hub serve` process with simulation stages, its default logical cluster as the hub
/// (with OCM's ManifestWork CRD installed) and logical member clusters, on a kernel-assigned
/// loopback port in a unique temporary directory.
///
/// The binary is this build's `kealm`, or `KEALM_HUB_BINARY` when set (a build of the virtual
/// control plane from another branch).
final class AgentTestbed: @unchecked Sendable {
    let dir: String
    let data: String
    var server: SpawnedProcess
    /// The hub's command line (for a restart on the same port and data).
    let hubArguments: [String]
    let hub: KubeClient
    let adminKubeconfig: String

    /// The `kealm` executable of this build.
    static var kealm: String {
        var path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: path.appendingPathComponent("kealm").path) && path.path != "/" {
            path = path.deletingLastPathComponent()
        }
        return path.appendingPathComponent("kealm").path
    }

    static var hubBinary: String { ProcessInfo.processInfo.environment["KEALM_HUB_BINARY"] ?? kealm }

    /// True when the hub binary serves (`kealm hub serve` exists in it).
    static let available: Bool = {
        let p = Process()
        let pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: hubBinary)
        p.arguments = ["hub", "serve", "--help"]
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 && out.contains("--stages")
    }()

    /// Starts a hub with these stage rules (YAML) or the built-in ones.
    init(stages: String? = nil, hubArguments extra: [String] = []) async throws {
        dir = NSTemporaryDirectory() + "kealm-agent-" + UUID().uuidString
        data = dir + "/data"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var args = [Self.hubBinary, "hub", "serve", "--data", data, "--port", "0"]
        if let stages {
            try stages.write(toFile: dir + "/stages.yaml", atomically: true, encoding: .utf8)
            args += ["--stages", dir + "/stages.yaml"]
        }
        args += extra
        hubArguments = args
        server = try SpawnedProcess(args, logPath: dir + "/hub.log")
        _ = try await server.waitForLog("listening on ")
        adminKubeconfig = data + "/admin.kubeconfig"
        hub = try KubeClient(kubeconfig: adminKubeconfig)
        try await installWorkCRD()
    }

    func stop() {
        server.stop(grace: 0.5)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs a short `kealm` command to completion; returns its output.
    func run(_ binary: String, _ args: [String]) async throws -> String {
        let out = dir + "/cmd-\(UUID().uuidString).log"
        let p = try SpawnedProcess([binary] + args, logPath: out)
        for _ in 0..<600 {
            if p.hasExited() { return p.log }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw NSError(domain: "testbed", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(args) did not finish: \(p.log)"])
    }

    /// A member cluster with an in-process (push) agent for it.
    func pushAgent(_ cluster: String, settings: AgentSettings) async throws -> (KubeClient, PushAgentPool) {
        let member = try KubeClient(kubeconfig: try await member(cluster))
        let pool = PushAgentPool(hub: hub, settings: settings)
        pool.add(cluster: cluster, member: member)
        return (member, pool)
    }

    /// Creates a logical member cluster, its namespace on the hub, and returns its kubeconfig path.
    func member(_ name: String) async throws -> String {
        _ = try await run(Self.hubBinary, ["hub", "cluster", "create", name, "--data", data])
        let text = try await run(Self.hubBinary, ["hub", "kubeconfig", "--data", data, "--cluster", name])
        let path = dir + "/\(name).kubeconfig"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try await hub.apply(try YAMLParser.parse("{apiVersion: v1, kind: Namespace, metadata: {name: \(name)}}"), fieldManager: "test")
        return path
    }

    func installWorkCRD() async throws {
        let crd = try YAMLParser.parse("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: manifestworks.work.open-cluster-management.io}
            spec:
              group: work.open-cluster-management.io
              scope: Namespaced
              names: {kind: ManifestWork, plural: manifestworks, singular: manifestwork, listKind: ManifestWorkList}
              versions:
                - name: v1
                  served: true
                  storage: true
                  subresources: {status: {}}
                  schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            """)
        _ = try await hub.apply(crd, fieldManager: "test")
        try await eventually("ManifestWork served") {
            (try? await self.hub.list(ManifestWork.gvk, namespace: "default")) != nil
        }
    }

    /// Creates or replaces a ManifestWork (the manifests are a YAML list) in a cluster namespace.
    func publish(_ name: String, cluster: String, manifests: String, spec: String = "", annotations: [String: String] = [:]) async throws {
        var work = AgentFixtures.work(manifests, name: name, finalizer: false, spec: spec, annotations: annotations)
        work[path: ["metadata", "namespace"]] = .string(cluster)
        for k in ["uid", "generation", "resourceVersion"] { work[path: ["metadata", k]] = nil }
        _ = try await hub.apply(work, fieldManager: "test-controller", force: true)
    }

    func work(_ name: String, cluster: String) async throws -> YAMLNode {
        try await hub.get(ManifestWork.gvk, name: name, namespace: cluster)
    }

    /// A work condition (`type`) of the work's status.
    func condition(_ type: String, work name: String, cluster: String) async -> YAMLNode? {
        let w = try? await work(name, cluster: cluster)
        return w?["status"]?["conditions"]?.items?.first { $0.string(at: "type") == type }
    }
}

/// Polls `check` every 50 ms until it holds or `timeout` seconds pass.
@discardableResult
func eventually(_ what: String, timeout: Double = 20, _ check: () async throws -> Bool) async throws -> Double {
    let start = Date()
    while Date().timeIntervalSince(start) < TestTimeouts.scaled(timeout) {
        if try await check() { return Date().timeIntervalSince(start) }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    throw NSError(domain: "testbed", code: 2, userInfo: [NSLocalizedDescriptionKey: "timed out after \(timeout) s waiting for: \(what)"])
}
