import GitSource
import KealmModel
import Overlay
import Reconcile

/// A tree source with a few in-memory files on top (the overlay kustomization of an Application's
/// `kustomize` overrides). Observations of the in-memory files are their content, so the render
/// cache sees them like any other input.
final class OverlaidSource<Base: ObservableFileSource>: ObservableFileSource, @unchecked Sendable {
    let base: Base
    let files: [String: [UInt8]]
    let directories: [String: [String]]

    init(base: Base, files: [String: [UInt8]]) {
        self.base = base
        self.files = files
        var dirs: [String: Set<String>] = [:]
        for path in files.keys {
            var parts = path.split(separator: "/").map(String.init)
            while !parts.isEmpty {
                let name = parts.removeLast()
                dirs["/" + parts.joined(separator: "/"), default: []].insert(name)
            }
        }
        directories = dirs.mapValues { $0.sorted() }
    }

    var snapshotID: String? { base.snapshotID }

    func entry(at path: String) throws -> FileEntry? {
        if files[path] != nil { return .file }
        if path != "/", directories[path] != nil { return .directory }
        return try base.entry(at: path)
    }

    func read(_ path: String) throws -> [UInt8] {
        if let f = files[path] { return f }
        return try base.read(path)
    }

    func list(_ directory: String) throws -> [String] {
        guard let own = directories[directory] else { return try base.list(directory) }
        if directory == "/" { return (Set(own).union(try base.list("/"))).sorted() }
        return own
    }

    func observe(_ input: SourceRead) -> Observation {
        switch input {
        case .read(let p) where files[p] != nil: return .content(SHA256.hex(SHA256.hash(files[p]!)))
        case .entry(let p) where files[p] != nil: return .file
        case .entry(let p) where p != "/" && directories[p] != nil: return .directory
        case .list(let p) where directories[p] != nil:
            return p == "/" ? .listing(((try? list("/")) ?? []).sorted()) : .listing(directories[p]!)
        default: return base.observe(input)
        }
    }
}
