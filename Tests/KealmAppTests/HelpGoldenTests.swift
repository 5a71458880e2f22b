import Foundation
import Testing
import TestSupport

/// Golden files of `kealm … --help`. Regenerate with `KEALM_UPDATE_GOLDEN=1 swift test --filter HelpGolden`
/// and review the diff.
@Suite struct HelpGoldenTests {
    static let commands: [[String]] = [
        [], ["up"], ["status"], ["refresh"], ["sync"], ["diff"], ["clusters"], ["explain", "placement"], ["render"],
        ["controller"], ["agent"], ["hub", "serve"], ["placement", "decide"], ["appset", "generate"],
    ]

    @Test(arguments: commands)
    func help(_ command: [String]) async throws {
        let tmp = NSTemporaryDirectory() + "kealm-help-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = "100"
        let p = try SpawnedProcess([FleetControllerTests.kealm] + command + ["--help"], environment: env, logPath: tmp)
        while !p.hasExited() { try await Task.sleep(nanoseconds: 20_000_000) }
        let name = (["kealm"] + command).joined(separator: "-") + ".txt"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/help/\(name)")
        if ProcessInfo.processInfo.environment["KEALM_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try p.log.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(p.log == expected, "help of \(name) differs from the golden file; regenerate with KEALM_UPDATE_GOLDEN=1 and review")
    }
}
