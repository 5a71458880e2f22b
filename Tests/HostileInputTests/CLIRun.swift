import Foundation
import Glibc
import TestSupport

/// One run of the real `kealm` binary: exit status, separate stdout and stderr, wall time and
/// peak resident memory (from `wait4`).
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    var maxRSSMiB: Int

    /// The package root, found from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var kealm: String { packageRoot + "/.build/debug/kealm" }

    /// Runs `kealm` with `arguments`, started with posix_spawn in its own process group with a reset
    /// signal mask; the group is killed after `timeout` seconds.
    static func kealm(_ arguments: [String], in directory: String, timeout: Double = 60) throws -> CLIRun {
        let out = directory + "/.stdout", err = directory + "/.stderr"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = [kealm] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let env = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        let start = Date()
        var pid: pid_t = 0
        let rc = withTestSpawnAttributes { attr in posix_spawn(&pid, kealm, &actions, &attr, &cArgs, &cEnv) }
        guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if Date().timeIntervalSince(start) > timeout {
                kill(-pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                throw NSError(domain: "spawn", code: 3, userInfo: [NSLocalizedDescriptionKey: "kealm \(arguments) timed out"])
            }
            usleep(20_000)
        }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return CLIRun(
            status: code,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "<unreadable>",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "<unreadable>",
            seconds: Date().timeIntervalSince(start), maxRSSMiB: usage.ru_maxrss / 1024)
    }
}
