import Foundation
import Glibc
import KealmYAML
import KubeClient
import TestSupport

/// The fault rules of the testbed's hub (started with `--allow-fault-injection`), set through
/// the admin endpoint `/kealm/faults`.
struct HubFaults {
    let admin: KubeClient

    /// Replaces every rule (YAML).
    func set(_ rules: String) async throws {
        _ = try await admin.send(HTTPRequest(method: "PUT", path: "/kealm/faults", body: Array(rules.utf8)))
    }

    /// Adds rules after the existing ones (YAML).
    func add(_ rules: String) async throws {
        _ = try await admin.send(HTTPRequest(method: "POST", path: "/kealm/faults", body: Array(rules.utf8)), idempotent: true)
    }

    /// Removes every rule.
    func clear() async throws { _ = try await admin.send(HTTPRequest(method: "DELETE", path: "/kealm/faults")) }

    /// How often each rule fired, by name.
    func fired() async throws -> [String: Int] {
        let r = try await admin.send(HTTPRequest(method: "GET", path: "/kealm/faults"))
        let doc = try JSON.decode(String(decoding: r.body, as: UTF8.self))
        var out: [String: Int] = [:]
        for rule in doc["rules"]?.items ?? [] { out[rule.string(at: "name") ?? ""] = rule["fired"]?.intValue ?? 0 }
        return out
    }
}

extension AgentTestbed {
    /// A testbed whose hub runs in fault mode.
    static func faulty(stages: String? = nil) async throws -> (AgentTestbed, HubFaults) {
        let bed = try await AgentTestbed(stages: stages, hubArguments: ["--allow-fault-injection"])
        return (bed, HubFaults(admin: try KubeClient(kubeconfig: bed.adminKubeconfig)))
    }

    /// The port the hub listens on (from its admin kubeconfig).
    var port: String {
        let text = (try? String(contentsOfFile: adminKubeconfig, encoding: .utf8)) ?? ""
        guard let r = text.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else { return "0" }
        return String(text[r].split(separator: ":")[1])
    }

    /// Stops the hub (SIGTERM, then SIGKILL after `grace`), waits `downtime`, starts it again on
    /// the same port and data directory.
    func restartHub(grace: Double = 1, downtime: Double = 0.5) async throws {
        let port = self.port
        server.stop(grace: grace)
        try await Task.sleep(nanoseconds: UInt64(downtime * 1e9))
        var args = hubArguments
        if let i = args.firstIndex(of: "--port") { args[i + 1] = port }
        var lastError: Error?
        for attempt in 0..<20 {
            let p = try SpawnedProcess(args, logPath: dir + "/hub-\(attempt).log")
            do {
                _ = try await p.waitForLog("listening on ", timeout: 10)
                server = p
                return
            } catch {
                lastError = error
                p.stop(grace: 0.5)
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        throw lastError!
    }
}

/// A `git-daemon` on 127.0.0.1 serving the repositories under `root` (run directly, so that
/// stopping it stops the listener), on a port the kernel picked.
final class GitDaemonProcess: @unchecked Sendable {
    let port: UInt16
    let process: SpawnedProcess

    init(root: String, logDirectory: String) async throws {
        port = Self.freePort()
        let execPath = try ScratchRepo.gitExecPath()
        process = try SpawnedProcess([execPath + "/git-daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", "--port=\(port)",
            "--base-path=\(root)", root], logPath: logDirectory + "/git-daemon.log")
        // Ready once it accepts a connection.
        for _ in 0..<200 {
            if Self.canConnect(port) { return }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        process.stop()
        throw TestError("git-daemon did not start on port \(port)")
    }

    func stop() { process.stop(grace: 1) }

    static func canConnect(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(fd, $0, len)
                _ = getsockname(fd, $0, &len)
            }
        }
        return UInt16(bigEndian: addr.sin_port)
    }
}

extension ScratchRepo {
    static func gitExecPath() throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "--exec-path"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
