import Foundation
import TestSupport

/// A `kealm hub serve` child process on loopback, with its own data directory.
final class HubProcess: @unchecked Sendable {
    let data: String
    private(set) var process: SpawnedProcess
    private(set) var base: String
    var port: Int { Int(base.split(separator: ":").last ?? "0") ?? 0 }
    /// The admin kubeconfig the hub writes once it listens.
    var kubeconfig: String { data + "/admin.kubeconfig" }

    /// The kealm binary next to the test bundle (or `KEALM_BIN`).
    static var binary: String? {
        if let b = ProcessInfo.processInfo.environment["KEALM_BIN"] { return b }
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let p = candidate.appendingPathComponent("kealm").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// True when the binary has `hub serve`.
    static let available: Bool = {
        guard let b = binary, let (status, out) = try? run([b, "hub", "serve", "--help"]) else { return false }
        return status == 0 && out.contains("--port")
    }()

    let extraArguments: [String]

    init(data: String, port: Int = 0, arguments: [String] = []) throws {
        self.data = data
        extraArguments = arguments
        (process, base) = try Self.spawn(data: data, port: port, arguments: arguments)
    }

    static func spawn(data: String, port: Int, arguments: [String] = []) throws -> (SpawnedProcess, String) {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let log = data + "/hub-\(UUID().uuidString.prefix(6)).log"
        let p = try SpawnedProcess([binary!, "hub", "serve", "--data", data, "--port", String(port), "--stages", "none"] + arguments, logPath: log)
        let text = try p.waitFor("listening on ")
        guard let r = text.range(of: #"https?://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
            p.stop()
            throw NSError(domain: "hub", code: 1, userInfo: [NSLocalizedDescriptionKey: "no address in: \(text)"])
        }
        return (p, String(text[r]))
    }

    /// Stops the server and starts it again on the same port and data.
    func restart(downtime: Double = 0.3) throws {
        let port = self.port
        // A hub shuts down gracefully and waits for open watches; do not wait long for it.
        process.stop(grace: 1)
        usleep(UInt32(downtime * 1_000_000))
        var lastError: Error?
        for _ in 0..<20 {
            do {
                (process, base) = try Self.spawn(data: data, port: port, arguments: extraArguments)
                return
            } catch {
                lastError = error
                usleep(200_000)
            }
        }
        throw lastError!
    }

    func stop() { process.stop(grace: 1) }
}
