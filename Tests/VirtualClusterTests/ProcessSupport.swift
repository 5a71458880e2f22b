import Foundation
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// A child process started with posix_spawn: empty signal mask, default signal actions and its own
/// process group, so SIGTERM and SIGKILL reach it even from Swift Testing's worker threads.
final class Child: @unchecked Sendable {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private var reaped = false
    private(set) var exitStatus: Int32 = -1

    /// Starts `argv` with `env` added to the environment; output goes to files in `dir`.
    init(_ argv: [String], env: [String: String] = [:], dir: String, tag: String = UUID().uuidString) throws {
        stdoutPath = "\(dir)/\(tag).out"
        stderrPath = "\(dir)/\(tag).err"
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        var def = sigset_t()
        sigfillset(&def)
        posix_spawnattr_setsigdefault(&attr, &def)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&fa, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&fa, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        let envStrings = environment.map { "\($0.key)=\($0.value)" }
        var cargs = argv.map { strdup($0) } + [nil]
        var cenv = envStrings.map { strdup($0) } + [nil]
        defer {
            for p in cargs { free(p) }
            for p in cenv { free(p) }
        }
        var p: pid_t = 0
        let rc = posix_spawnp(&p, argv[0], &fa, &attr, &cargs, &cenv)
        guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "cannot start \(argv[0]): \(rc)"]) }
        pid = p
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for the exit (blocking, off the cooperative pool) and returns the exit status.
    @discardableResult
    func wait() async -> Int32 {
        if reaped { return exitStatus }
        let pid = self.pid
        let status: Int32 = await withCheckedContinuation { cont in
            Thread.detachNewThread {
                var st: Int32 = 0
                while waitpid(pid, &st, 0) == -1 && errno == EINTR {}
                cont.resume(returning: st)
            }
        }
        reaped = true
        exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return exitStatus
    }

    /// Sends a signal to the whole process group.
    func signal(_ sig: Int32) { kill(-pid, sig) }

    /// SIGTERM, then wait.
    func stop() async {
        signal(SIGTERM)
        await wait()
    }

    /// Waits until stdout contains `text` (polling), up to `timeout` seconds.
    func waitForOutput(_ text: String, timeout: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(TestTimeouts.scaled(timeout))
        while Date() < deadline {
            if stdout.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}

/// Where the built products are (`.build/debug`), found from the test binary's path.
func productsDirectory() -> String {
    var path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: path.appendingPathComponent("kealm").path) && path.path != "/" {
        path = path.deletingLastPathComponent()
    }
    return path.path
}

/// A `kealm hub serve` process on a kernel-assigned loopback port.
final class HubProcess: @unchecked Sendable {
    let dir: String
    let data: String
    var child: Child
    var base: String = ""
    let extra: [String]

    /// Starts the hub with extra `serve` arguments.
    init(dir: String, extra: [String] = []) async throws {
        self.dir = dir
        data = dir + "/data"
        self.extra = extra
        child = try Child([productsDirectory() + "/kealm", "hub", "serve", "--data", data, "--port", "0"] + extra, dir: dir, tag: "hub-0")
        try await waitReady()
    }

    func waitReady() async throws {
        guard await child.waitForOutput("listening on ") else {
            throw NSError(domain: "hub", code: 1, userInfo: [NSLocalizedDescriptionKey: "hub did not start: \(child.stderr)"])
        }
        let line = child.stdout.split(separator: "\n").last { $0.contains("listening on ") }!
        base = String(line.split(separator: " ")[4])
    }

    /// Stops (SIGTERM, or SIGKILL with `kill9`) and starts again on a new port.
    func restart(kill9: Bool = false, tag: String) async throws {
        if kill9 { child.signal(SIGKILL); await child.wait() } else { await child.stop() }
        child = try Child([productsDirectory() + "/kealm", "hub", "serve", "--data", data, "--port", "0"] + extra, dir: dir, tag: tag)
        try await waitReady()
    }

    /// Runs `kealm hub …` to completion.
    func kealm(_ args: [String]) async throws -> (Int32, String, String) {
        let c = try Child([productsDirectory() + "/kealm", "hub"] + args + ["--data", data], dir: dir)
        let st = await c.wait()
        return (st, c.stdout, c.stderr)
    }

    func stop() async { await child.stop() }
}

/// Starts a hub in a fresh directory, runs `body`, and stops the hub whether `body` succeeds or throws.
func withHub(extra: [String] = [], _ body: (HubProcess) async throws -> Void) async throws {
    let hub = try await HubProcess(dir: temporaryDirectory(), extra: extra)
    do {
        try await body(hub)
    } catch {
        await hub.stop()
        throw error
    }
    await hub.stop()
}

/// Runs kubectl with a kubeconfig and a fresh cache directory.
struct Kubectl {
    let kubeconfig: String
    let dir: String
    let cache: String

    init(kubeconfig: String, dir: String) {
        self.kubeconfig = kubeconfig
        self.dir = dir
        cache = dir + "/cache-" + UUID().uuidString
    }

    func run(_ args: [String], env: [String: String] = [:]) async throws -> (status: Int32, out: String, err: String) {
        let c = try Child(["kubectl", "--kubeconfig", kubeconfig, "--cache-dir", cache] + args, env: env, dir: dir)
        let st = await c.wait()
        return (st, c.stdout, c.stderr)
    }

    func start(_ args: [String]) throws -> Child {
        try Child(["kubectl", "--kubeconfig", kubeconfig, "--cache-dir", cache] + args, dir: dir)
    }
}
