import Foundation
import KealmYAML
import Synchronization

/// What an exec credential plugin returned (`ExecCredential.status`). Holds credentials.
public struct ExecCredential: Sendable, Hashable {
    public var token: String?
    public var clientCertificateData: [UInt8]?
    public var clientKeyData: [UInt8]?
    /// When the credential stops being valid; nil means "until the server refuses it".
    public var expiration: Date?

    /// Decodes the plugin's standard output. Pure.
    public init(output: String, expectedAPIVersion: String, command: String) throws(KubeError) {
        let node: YAMLNode
        do { node = try JSON.decode(output) } catch {
            throw .config("exec plugin \(command) printed something that is not JSON", field: "exec",
                hint: "the plugin must print an ExecCredential object on standard output")
        }
        guard node.string(at: "kind") == "ExecCredential" else {
            throw .config("exec plugin \(command) did not print an ExecCredential", field: "exec")
        }
        let apiVersion = node.string(at: "apiVersion") ?? ""
        guard apiVersion == expectedAPIVersion else {
            throw .config("exec plugin \(command) answered apiVersion \(apiVersion), expected \(expectedAPIVersion)",
                field: "exec.apiVersion", hint: "make the kubeconfig's exec.apiVersion match the plugin")
        }
        token = node.string(at: "status", "token")
        clientCertificateData = node.string(at: "status", "clientCertificateData").map { Array($0.utf8) }
        clientKeyData = node.string(at: "status", "clientKeyData").map { Array($0.utf8) }
        if let ts = node.string(at: "status", "expirationTimestamp") {
            guard let d = try? Date(ts, strategy: .iso8601) else {
                throw .config("exec plugin \(command): expirationTimestamp \(ts) is not RFC 3339", field: "exec")
            }
            expiration = d
        }
        if token == nil && (clientCertificateData == nil || clientKeyData == nil) {
            throw .config("exec plugin \(command) returned neither a token nor a client certificate and key",
                field: "exec")
        }
    }

    /// The `KUBERNETES_EXEC_INFO` value given to the plugin. Pure.
    static func execInfo(_ exec: Kubeconfig.ExecConfig, cluster: Kubeconfig.Cluster) -> String {
        var spec: [YAMLPair] = [YAMLPair("interactive", .bool(false))]
        if exec.provideClusterInfo {
            var c: [YAMLPair] = [YAMLPair("server", .string(cluster.server))]
            if let v = cluster.tlsServerName { c.append(YAMLPair("tls-server-name", .string(v))) }
            if cluster.insecureSkipTLSVerify { c.append(YAMLPair("insecure-skip-tls-verify", .bool(true))) }
            if let v = cluster.certificateAuthorityData {
                c.append(YAMLPair("certificate-authority-data", .string(Data(v).base64EncodedString())))
            }
            if let v = cluster.proxyURL { c.append(YAMLPair("proxy-url", .string(v))) }
            spec.append(YAMLPair("cluster", .mapping(c)))
        }
        return JSON.encode(.mapping([
            YAMLPair("apiVersion", .string(exec.apiVersion)), YAMLPair("kind", .string("ExecCredential")),
            YAMLPair("spec", .mapping(spec)),
        ]))
    }
}

/// Runs an exec credential plugin and caches its answer until shortly before it expires, or
/// until `invalidate()` (called after a 401). Blocking: call it from a transport thread.
public final class ExecCredentialCache: Sendable {
    let exec: Kubeconfig.ExecConfig
    let cluster: Kubeconfig.Cluster
    private let cached = Mutex<ExecCredential?>(nil)
    /// How long before the expiry the credential is refreshed.
    let skew: TimeInterval = 10

    public init(exec: Kubeconfig.ExecConfig, cluster: Kubeconfig.Cluster) {
        self.exec = exec
        self.cluster = cluster
    }

    /// The current credential, running the plugin when none is cached or it is about to expire.
    public func credential(now: Date = Date()) throws(KubeError) -> ExecCredential {
        if let c = cached.withLock({ $0 }), c.expiration.map({ $0.timeIntervalSince(now) > skew }) ?? true {
            return c
        }
        let fresh = try runPlugin()
        cached.withLock { $0 = fresh }
        return fresh
    }

    /// Forgets the cached credential (the server answered 401).
    public func invalidate() { cached.withLock { $0 = nil } }

    func runPlugin() throws(KubeError) -> ExecCredential {
        let p = Process()
        if exec.command.contains("/") {
            p.executableURL = URL(fileURLWithPath: exec.command)
            p.arguments = exec.args
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [exec.command] + exec.args
        }
        var env = ProcessInfo.processInfo.environment
        for e in exec.env { env[e.name] = e.value }
        env["KUBERNETES_EXEC_INFO"] = ExecCredential.execInfo(exec, cluster: cluster)
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch {
            throw .config("cannot run exec plugin \(exec.command): \(error.localizedDescription)", field: "exec.command",
                hint: exec.installHint ?? "install the plugin or fix the path in the kubeconfig")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw .config("exec plugin \(exec.command) exited with status \(p.terminationStatus)", field: "exec",
                hint: exec.installHint)
        }
        return try ExecCredential(output: String(decoding: data, as: UTF8.self), expectedAPIVersion: exec.apiVersion,
            command: exec.command)
    }
}
