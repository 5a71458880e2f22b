import ArgumentParser
import Foundation
import Generation
import KealmModel
import KealmYAML

/// File input and output shared by the offline fleet commands.
enum FleetIO {
    /// Every object in the files (multi-document YAML or JSON; `kind: List` items expanded).
    static func readObjects(_ files: [String]) throws -> [YAMLNode] {
        var out: [YAMLNode] = []
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else {
                throw ValidationError("cannot read \(f)")
            }
            for doc in try YAMLParser.parseStream(String(decoding: data, as: UTF8.self), file: f) where !doc.isNull {
                if doc.string(at: "kind") == "List", let items = doc["items"]?.items { out += items } else { out.append(doc) }
            }
        }
        return out
    }

    /// Prints objects as a YAML stream or as a JSON `List`.
    static func printObjects(_ objects: [YAMLNode], format: OutputFormat) throws {
        let text: String
        switch format {
        case .yaml: text = try YAMLEmitter.emit(objects)
        case .json:
            text = JSON.encode(.mapping([
                YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("List")), YAMLPair("items", .sequence(objects)),
            ])) + "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("kealm: \(message)\n".utf8))
    }

    /// The time to evaluate tolerations against: `--now`, else the clock.
    static func now(_ text: String?) throws -> Timestamp {
        if let text {
            guard let t = Timestamp(rfc3339: text) else { throw ValidationError("--now: '\(text)' is not an RFC 3339 time") }
            return t
        }
        return Timestamp(seconds: Int64(Date().timeIntervalSince1970))
    }
}

/// `-o yaml|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// A local checkout read as the repository of every `git` generator (`--repo-dir`).
struct DiskRepoFiles: RepoFiles {
    let root: String

    func walk() throws -> (dirs: [String], files: [String]) {
        var dirs: [String] = []
        var files: [String] = []
        func visit(_ rel: String) throws {
            let abs = rel.isEmpty ? root : root + "/" + rel
            for name in try FileManager.default.contentsOfDirectory(atPath: abs).sorted() where !name.hasPrefix(".") {
                let child = rel.isEmpty ? name : rel + "/" + name
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + child, isDirectory: &isDir) else { continue }
                if isDir.boolValue {
                    dirs.append(child)
                    try visit(child)
                } else {
                    files.append(child)
                }
            }
        }
        try visit("")
        return (dirs.sorted(), files.sorted())
    }

    func directories(repoURL: String, revision: String) throws -> [String] { try walk().dirs }
    func files(repoURL: String, revision: String) throws -> [String] { try walk().files }
    func read(repoURL: String, revision: String, path: String) throws -> [UInt8] {
        guard !path.split(separator: "/").contains(".."), let d = FileManager.default.contents(atPath: root + "/" + path) else {
            throw ValidationError("cannot read \(path) under \(root)")
        }
        return Array(d)
    }
}
