import Foundation
import TestSupport
import KealmYAML

/// A unique temporary directory, removed by `cleanup()`.
struct TempDir {
    let path: String
    init(_ label: String = "kube") {
        path = NSTemporaryDirectory() + "kealm-\(label)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ rel: String, _ text: String, mode: Int? = nil) -> String {
        let p = path + "/" + rel
        let dir = (p as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try! text.write(toFile: p, atomically: true, encoding: .utf8)
        if let mode { try! FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: p) }
        return p
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a short command that exits on its own; returns (status, stdout).
func run(_ argv: [String], environment: [String: String]? = nil, cwd: String? = nil) throws -> (Int32, String) {
    let r = try ShortCommand.run(argv, environment: environment, cwd: cwd)
    return (r.status, r.out)
}

/// JSON with mapping keys sorted, for comparing trees regardless of key order.
func canonical(_ node: YAMLNode) -> String {
    switch node {
    case .mapping(let pairs):
        let sorted = pairs.sorted { $0.key.value < $1.key.value }
            .map { YAMLPair(key: $0.key, value: .scalar(YAMLScalar(canonical($0.value)))) }
        return "{" + sorted.map { p in
            var k = ""
            JSON.writeString(p.key.value, into: &k)
            return k + ":" + p.value.scalar!.value
        }.joined(separator: ",") + "}"
    case .sequence(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
    case .scalar: return JSON.encode(node)
    }
}
