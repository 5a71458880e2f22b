import KealmModel
import KealmYAML
@testable import Generation

enum Fix {
    static func appSet(_ yaml: String) throws -> ApplicationSetSpec { try ApplicationSetSpec(node: YAMLParser.parse(yaml)) }

    static func secret(_ name: String, env: String, server: String? = nil) -> ClusterSecret {
        ClusterSecret(secretName: "\(name)-secret", namespace: "argocd", name: name, server: server ?? "https://\(name).example:6443",
            labels: [ClusterSecret.typeLabel: ClusterSecret.typeValue, "env": env], annotations: ["team": "a"])
    }

    static func generate(_ yaml: String, _ inputs: GenerationInputs = GenerationInputs()) throws -> [YAMLNode] {
        try ApplicationGenerator.generate(appSet(yaml), inputs: inputs)
    }

    static func names(_ apps: [YAMLNode]) -> [String] { apps.map { $0.string(at: "metadata", "name") ?? "" } }
}

/// An in-memory repository for the git generator.
struct MemoryRepo: RepoFiles {
    var files: [String: String]
    func directories(repoURL: String, revision: String) throws -> [String] {
        var dirs = Set<String>()
        for f in files.keys {
            var parts = f.split(separator: "/").dropLast()
            while !parts.isEmpty {
                dirs.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        return dirs.sorted()
    }
    func files(repoURL: String, revision: String) throws -> [String] { files.keys.sorted() }
    func read(repoURL: String, revision: String, path: String) throws -> [UInt8] { Array(files[path]!.utf8) }
}
