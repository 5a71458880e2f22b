import Foundation
import Glibc
import Testing

/// The hostile repository corpus, driven through the real `kealm render` binary on a real
/// directory tree generated at test time (large inputs are sparse or generated, never committed).
/// Each input must end in a non-zero exit with an error naming the offending file or path, nothing
/// on stdout, within bounded time and memory.
@Suite(.serialized) struct HostileCLITests {
    static let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        /// Relative path and what to write there, under a fresh temporary tree.
        var files: [(String, Content)]
        var useRoot = true
        var mentions: [String]
    }

    enum Content: Sendable {
        case text(String)
        case bytes([UInt8])
        case link(String)
        case sparse(Int)
        case generated(count: Int, unit: String, prefix: String = "", suffix: String = "")
    }

    static let kust = "app/kustomization.yaml"

    static let cases: [Case] = [
        Case(description: "../ path", files: [(kust, .text("resources:\n- ../shared.yaml\n")), ("shared.yaml", .text(cm))],
            useRoot: false, mentions: ["shared.yaml", "app"]),
        Case(description: "absolute path", files: [(kust, .text("resources:\n- /etc/passwd\n"))], mentions: ["/etc/passwd"]),
        Case(description: "symlinked file out of the tree",
            files: [(kust, .text("resources:\n- link.yaml\n")), ("app/link.yaml", .link("/etc/passwd"))], mentions: ["link.yaml"]),
        Case(description: "chained symlinked directories out of the tree",
            files: [(kust, .text("resources:\n- a\n")), ("app/a", .link("b")), ("app/b", .link("../c")), ("c", .link("/tmp")),
            ], mentions: ["/c"]),
        Case(description: "symlinked kustomization.yaml out of the tree",
            files: [(kust, .link("/etc/hostname"))], mentions: ["kustomization.yaml"]),
        Case(description: "alias bomb", files: [(kust, .text("resources:\n- bomb.yaml\n")),
            ("app/bomb.yaml", .text((0..<12).reduce("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n") { s, i in
                s + "a\(i + 1): &a\(i + 1) [" + Array(repeating: "*a\(i)", count: 10).joined(separator: ", ") + "]\n"
            }))], mentions: ["bomb.yaml"]),
        Case(description: "1000-level nesting", files: [(kust, .text("resources:\n- deep.yaml\n")),
            ("app/deep.yaml", .generated(count: 1000, unit: "[", prefix: "a: ", suffix: String(repeating: "]", count: 1000)))],
            mentions: ["deep.yaml"]),
        Case(description: "200 MB sparse file", files: [(kust, .text("resources:\n- big.yaml\n")), ("app/big.yaml", .sparse(200 << 20))],
            mentions: ["big.yaml", "limit"]),
        Case(description: "70 MB single string", files: [(kust, .text("resources:\n- str.yaml\n")),
            ("app/str.yaml", .generated(count: 70 << 20, unit: "x", prefix: "a: "))], mentions: ["str.yaml"]),
        Case(description: "1 M-document stream", files: [(kust, .text("resources:\n- many.yaml\n")),
            ("app/many.yaml", .generated(count: 1_000_000, unit: "---\na: 1\n"))], mentions: ["many.yaml"]),
        Case(description: "invalid UTF-8", files: [(kust, .text("resources:\n- bad.yaml\n")),
            ("app/bad.yaml", .bytes(Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \u{7f}".utf8) + [0xff, 0xfe, 0x0a]))],
            mentions: ["bad.yaml"]),
        Case(description: "duplicate keys", files: [(kust, .text("resources:\n- dup.yaml\n")),
            ("app/dup.yaml", .text(cm + "metadata:\n  name: other\n"))], mentions: ["dup.yaml"]),
        Case(description: "NUL bytes", files: [(kust, .text("resources:\n- nul.yaml\n")),
            ("app/nul.yaml", .bytes(Array(cm.utf8) + [0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0x00, 0x0a]))], mentions: ["nul.yaml"]),
        Case(description: "NUL bytes in kustomization.yaml", files: [(kust, .bytes(Array("resources:\n- a\u{0}b.yaml\n".utf8)))],
            mentions: ["kustomization.yaml"]),
        Case(description: "kustomization cycle", files: [(kust, .text("resources:\n- ../loop\n")),
            ("loop/kustomization.yaml", .text("resources:\n- ../app\n"))], mentions: ["cycle", "app"]),
        Case(description: "remote URL resource", files: [(kust, .text("resources:\n- https://github.com/example/repo//base?ref=v1\n"))],
            mentions: ["https://github.com/example/repo"]),
    ]

    /// Writes the case's tree into a fresh temporary directory and returns it.
    static func tree(_ c: Case) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kealm-hostile-\(UUID().uuidString)").path
        for (path, content) in c.files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            switch content {
            case .text(let s): try Data(s.utf8).write(to: URL(fileURLWithPath: full))
            case .bytes(let b): try Data(b).write(to: URL(fileURLWithPath: full))
            case .link(let target): try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
            case .sparse(let n):
                let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                defer { close(fd) }
                #expect(ftruncate(fd, off_t(n)) == 0)
            case .generated(let count, let unit, let prefix, let suffix):
                guard let h = FileHandle(forWritingAtPath: { FileManager.default.createFile(atPath: full, contents: nil); return full }())
                else { throw CocoaError(.fileWriteUnknown) }
                defer { try? h.close() }
                h.write(Data(prefix.utf8))
                let chunkCount = max(1, (1 << 20) / unit.utf8.count)
                let chunk = Data(String(repeating: unit, count: chunkCount).utf8)
                var left = count
                while left >= chunkCount {
                    h.write(chunk)
                    left -= chunkCount
                }
                h.write(Data(String(repeating: unit, count: left).utf8))
                h.write(Data(suffix.utf8))
            }
        }
        return dir
    }

    @Test(arguments: cases)
    func refusedByTheCLI(_ c: Case) throws {
        let dir = try Self.tree(c)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = ["render", dir + "/app"]
        if c.useRoot { args += ["--root", dir] }
        let run = try CLIRun.kealm(args, in: dir)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout.prefix(200))")
        for m in c.mentions {
            #expect(run.stderr.contains(m), "stderr does not name \(m): \(run.stderr.prefix(500))")
        }
        #expect(run.seconds < 30, "took \(run.seconds)s")
        #expect(run.maxRSSMiB < 512, "peak RSS \(run.maxRSSMiB) MiB")
    }

    /// 64 nested kustomizations (each the base of the next) are legitimate: they render, in bounded time.
    @Test func sixtyFourNestedKustomizationsRender() throws {
        var files: [(String, Content)] = [("k0/kustomization.yaml", .text("resources:\n- cm.yaml\n")), ("k0/cm.yaml", .text(Self.cm))]
        for i in 1..<64 { files.append(("k\(i)/kustomization.yaml", .text("resources:\n- ../k\(i - 1)\nnamePrefix: p\(i)-\n"))) }
        files.append((Self.kust, .text("resources:\n- ../k63\n")))
        let dir = try Self.tree(Case(description: "nested", files: files, mentions: []))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CLIRun.kealm(["render", dir + "/app", "--root", dir], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("name: p63-p62-"))
        #expect(run.seconds < 30)
    }
}

/// Hostile Git trees, crafted with plumbing commands, rendered with `kealm render --repo`.
@Suite struct HostileGitTests {
    func git(_ args: [String], in dir: String, input: String? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data((input ?? "").utf8))
        try inPipe.fileHandleForWriting.close()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A tree entry named `.git` (git's own fsck refuses it; a checkout would write into the
    /// metadata directory): reading through it is refused and names the path.
    @Test func dotGitTreeEntryIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kealm-hostile-git-\(UUID().uuidString)").path
        let repo = dir + "/r.git"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try git(["init", "-q", "--bare"], in: repo)
        let cm = try git(["hash-object", "-w", "--stdin"], in: repo, input: HostileCLITests.cm)
        let k = try git(["hash-object", "-w", "--stdin"], in: repo, input: "resources:\n- cm.yaml\n- .git/hooks.yaml\n")
        let inner = try git(["mktree"], in: repo, input: "100644 blob \(cm)\thooks.yaml\n")
        let app = try git(["mktree"], in: repo,
            input: "100644 blob \(k)\tkustomization.yaml\n100644 blob \(cm)\tcm.yaml\n040000 tree \(inner)\t.git\n")
        let root = try git(["mktree"], in: repo, input: "040000 tree \(app)\tapp\n")
        let commit = try git(["commit-tree", root, "-m", "hostile"], in: repo)
        _ = try git(["update-ref", "refs/heads/main", commit], in: repo)
        let run = try CLIRun.kealm(["render", "--repo", "file://" + repo, "--revision", "main", "--state-dir", dir + "/state", "app"], in: dir)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout.prefix(200))")
        #expect(run.stderr.contains("/app/.git"), "\(run.stderr)")
        #expect(run.seconds < 30)
    }

    /// Credentials in the repository URL never reach stdout or stderr, even on the failure path
    /// (a closed loopback port): every byte of both is searched for the secret.
    @Test func credentialsInTheURLNeverReachTheOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kealm-hostile-cred-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secret = "S3cr3t-\(UUID().uuidString)"
        let run = try CLIRun.kealm(["render", "--repo", "http://user:\(secret)@127.0.0.1:9/repo.git", "--revision", "main",
            "--state-dir", dir + "/state", "app"], in: dir)
        #expect(run.status != 0)
        #expect(!run.stderr.isEmpty)
        #expect(!(run.stdout + run.stderr).contains(secret), "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains(secret.prefix(6)))
    }
}
