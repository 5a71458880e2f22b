import Foundation
import Glibc

/// A background process for tests, started with posix_spawn in its own process group with an
/// empty signal mask and default signal actions (a child of a Swift Testing worker thread
/// would otherwise inherit a mask that blocks SIGTERM). Output goes to a log file.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    public let logPath: String
    private var stopped = false

    public init(_ argv: [String], environment: [String: String]? = nil, logPath: String) throws {
        self.logPath = logPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var child: pid_t = 0
        let rc = withTestSpawnAttributes { attr in posix_spawnp(&child, argv[0], &actions, &attr, &cArgs, &cEnv) }
        guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
        pid = child
    }

    /// The log so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until the log contains `text`; returns the log.
    public func waitFor(_ text: String, timeout: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(TestTimeouts.scaled(timeout))
        while Date() < deadline {
            if let l = try check(text) { return l }
            usleep(50_000)
        }
        throw NSError(domain: "spawn", code: 2, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for \(text): \(log)"])
    }

    /// SIGTERM to the process group, then wait (SIGKILL after `grace` seconds).
    public func stop(grace: Double = 5) {
        if stopped { return }
        stopped = true
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<max(1, Int(grace * 20)) {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// Waits (without blocking a thread of the cooperative pool) until the log contains `text`.
    public func waitForLog(_ text: String, timeout: Double = 30) async throws -> String {
        let deadline = Date().addingTimeInterval(TestTimeouts.scaled(timeout))
        while Date() < deadline {
            if let l = try check(text) { return l }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw NSError(domain: "spawn", code: 2, userInfo: [NSLocalizedDescriptionKey: "timed out waiting for \(text): \(log)"])
    }

    /// True once the process has exited (it is reaped then; `stop` does nothing more).
    public func hasExited() -> Bool {
        if stopped { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { stopped = true }
        return stopped
    }

    /// The log when it contains `text`, nil when not yet; throws when the process has exited.
    func check(_ text: String) throws -> String? {
        let l = log
        if l.contains(text) { return l }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            stopped = true
            throw NSError(domain: "spawn", code: 1, userInfo: [NSLocalizedDescriptionKey: "process exited: \(l)"])
        }
        return nil
    }

    deinit { stop() }
}
