import Foundation
@testable import Overlay

/// An in-memory `FileSource` with files, directories and symlinks, for engine tests.
struct MemoryFileSource: FileSource {
    var entries: [String: FileEntry] = ["/": .directory]
    var contents: [String: [UInt8]] = [:]

    mutating func addDirectories(for path: String) {
        var p = PathSyntax.dirname(path)
        while p != "/" {
            entries[p] = entries[p] ?? .directory
            p = PathSyntax.dirname(p)
        }
    }

    mutating func file(_ path: String, _ text: String) {
        addDirectories(for: path)
        entries[path] = .file
        contents[path] = Array(text.utf8)
    }

    mutating func link(_ path: String, to target: String) {
        addDirectories(for: path)
        entries[path] = .symlink(target: target)
    }

    /// Copies a directory tree from disk under `prefix`.
    mutating func load(disk dir: URL, at prefix: String) throws {
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: dir.path) {
            let url = dir.appendingPathComponent(name)
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: url.path, isDirectory: &isDir)
            if isDir.boolValue {
                entries[prefix + "/" + name] = .directory
                try load(disk: url, at: prefix + "/" + name)
            } else {
                file(prefix + "/" + name, try String(contentsOf: url, encoding: .utf8))
            }
        }
    }

    func entry(at path: String) throws -> FileEntry? { entries[path] }

    func read(_ path: String) throws -> [UInt8] {
        guard let c = contents[path] else { throw CocoaError(.fileNoSuchFile) }
        return c
    }

    func list(_ directory: String) throws -> [String] {
        let prefix = directory == "/" ? "/" : directory + "/"
        return entries.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") && $0 != directory }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
    }
}
