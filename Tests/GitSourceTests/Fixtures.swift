import Foundation
import TestSupport
import Glibc

/// A unique temporary directory, removed by `cleanup()`.
struct TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "kealm-git-" + UUID().uuidString.prefix(8).lowercased()
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs the `git` CLI (short commands that exit by themselves; `Process` is fine for those).
@discardableResult
func git(_ args: [String], in dir: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@e", "-c", "init.defaultBranch=main",
        "-c", "protocol.file.allow=always"] + args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard p.terminationStatus == 0 else {
        throw NSError(domain: "git", code: Int(p.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "git \(args): \(text)"])
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A bare origin repository plus a work tree that pushes to it.
struct OriginRepo {
    let base: TempDir
    var origin: String { base.path + "/origin.git" }
    var work: String { base.path + "/work" }
    var url: String { "file://" + origin }

    init() throws {
        base = TempDir()
        try git(["init", "-q", "--bare", origin], in: base.path)
        try git(["init", "-q", work], in: base.path)
        try git(["remote", "add", "origin", origin], in: work)
    }

    /// Writes files (path → content; nil deletes), commits, pushes the current branch; returns the commit id.
    @discardableResult
    func commit(_ files: [String: String?], message: String = "change", branch: String = "main", force: Bool = false)
        throws -> String
    {
        for (path, content) in files {
            let full = work + "/" + path
            if let content {
                try FileManager.default.createDirectory(
                    atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try content.write(toFile: full, atomically: true, encoding: .utf8)
            } else {
                try? FileManager.default.removeItem(atPath: full)
            }
        }
        try git(["add", "-A"], in: work)
        try git(["commit", "-q", "--allow-empty", "-m", message], in: work)
        try git(["push", "-q"] + (force ? ["-f"] : []) + ["origin", "HEAD:refs/heads/\(branch)"], in: work)
        return try git(["rev-parse", "HEAD"], in: work)
    }

    func symlink(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: work + "/" + path, withDestinationPath: target)
    }
}

/// A port the kernel picked as free (bind :0, read it, close).
func freePort() -> UInt16 { UInt16(ShortCommand.freePort()) }

/// A background server process spawned with an empty signal mask in its own process group, stopped with
/// SIGTERM to the group (Foundation.Process children cannot be stopped from Swift Testing).
final class BackgroundServer {
    let port: UInt16
    private let args: [String]
    private var pid: pid_t = 0

    init(port: UInt16 = freePort(), args: @escaping (UInt16) throws -> [String]) throws {
        self.port = port
        self.args = try args(port)
        try start()
    }

    func start() throws {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let cArgs = args.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let rc = posix_spawnp(&pid, args[0], nil, &attr, cArgs, environ)
        guard rc == 0 else { throw NSError(domain: "spawn \(args[0])", code: Int(rc)) }
        for _ in 0..<250 {
            if canConnect() { return }
            usleep(20_000)
        }
        stop()
        throw NSError(domain: "\(args[0]) did not start", code: 1)
    }

    func stop() {
        guard pid > 0 else { return }
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
    }

    deinit { stop() }

    private func canConnect() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// A real `git-daemon` on 127.0.0.1 serving every repository under `basePath` (run directly, not through the
/// `git daemon` wrapper, so that stopping it stops the listener).
func gitDaemon(basePath: String) throws -> BackgroundServer {
    let execPath = try git(["--exec-path"], in: "/")
    return try BackgroundServer { port in
        [execPath + "/git-daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1", "--port=\(port)",
            "--base-path=\(basePath)", basePath]
    }
}

/// A smart-HTTP server (git http-backend behind a small Python server) with optional Basic auth.
func gitHTTPServer(root: String, auth: String? = nil) throws -> BackgroundServer {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/git-http-server.py"
    return try BackgroundServer { port in ["python3", script, root, "\(port)"] + (auth.map { [$0] } ?? []) }
}

extension BackgroundServer {
    var gitURL: String { "git://127.0.0.1:\(port)" }
    var httpURL: String { "http://127.0.0.1:\(port)" }
}
