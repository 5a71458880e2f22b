import CGit2
import Foundation
import KealmModel
import Overlay

/// A read-only `FileSource` over the tree of one commit: blobs are read from the object database, nothing is
/// checked out.
///
/// Paths are absolute (`/apps/web/kustomization.yaml`, `/` is the repository root). Entries report files,
/// directories, symbolic links (mode 120000, the target exactly as stored in the blob) and submodules (gitlinks,
/// never readable). `read` and `list` follow symbolic links, but only inside the tree: a link that leaves the
/// repository is an error, as is a loop. The handle is private to this source and guarded by a lock, so sources
/// are usable from any thread while the mirror fetches.
public final class GitTreeFileSource: ObservableFileSource, @unchecked Sendable {
    /// The commit whose tree this is.
    public let commit: String
    /// The root tree id.
    public let treeID: String
    private let lock = NSLock()
    private let repo: GitRepository
    private let tree: OpaquePointer
    private let maxFileBytes: Int?
    private let refuseEscapingLinks: Bool
    /// Tree entries looked up so far (the tree is immutable, so they never go stale); guarded by `lock`.
    private var lookups: [String: (git_filemode_t, String)?] = [:]

    /// Opens the tree of `commit` in the bare repository at `mirrorPath`.
    ///
    /// - Parameter refuseEscapingLinks: when true, `entry(at:)` throws a `.forbidden` error for a symbolic link
    ///   whose target is absolute or climbs above the repository root, instead of reporting it. Use it when the
    ///   reader resolves links itself lexically (the render engine clamps `..` at `/`, which inside a tree would
    ///   silently land back in the repository).
    public init(mirrorPath: String, commit: String, maxFileBytes: Int? = nil, refuseEscapingLinks: Bool = false) throws {
        repo = try GitRepository(openBare: mirrorPath)
        self.commit = commit
        self.maxFileBytes = maxFileBytes
        self.refuseEscapingLinks = refuseEscapingLinks
        treeID = try repo.treeID(ofCommit: commit)
        var oid = parseOID(treeID)!
        var t: OpaquePointer?
        try check(git_tree_lookup(&t, repo.pointer, &oid), .internal, "cannot read tree of \(commit)")
        tree = t!
    }

    deinit { git_tree_free(tree) }

    /// The root tree id: commits with equal trees render equally.
    public var snapshotID: String? { treeID }

    public func entry(at path: String) throws -> FileEntry? {
        try locked {
            let node = try resolve(path, followLast: false)
            if refuseEscapingLinks, let node, node.kind == .symlink, let target = node.linkTarget {
                let dir = Array(TreePath.components(path).dropLast())
                if target.hasPrefix("/") || TreePath.join(dir, target) == nil {
                    throw escapeError(link: path, target: target, path: path)
                }
            }
            return node?.fileEntry
        }
    }

    public func read(_ path: String) throws -> [UInt8] {
        try locked {
            let node = try existing(path)
            switch node.kind {
            case .file: return try blobBytes(node.oid, path: path, limit: maxFileBytes)
            case .directory: throw error(.invalid, "is a directory, not a file", path)
            case .submodule: throw submoduleError(path)
            case .symlink: throw error(.internal, "unresolved symbolic link", path)
            }
        }
    }

    public func list(_ directory: String) throws -> [String] {
        try locked {
            let node = try existing(directory)
            switch node.kind {
            case .directory: return try names(ofTree: node.oid)
            case .submodule: throw submoduleError(directory)
            default: throw error(.invalid, "is not a directory", directory)
            }
        }
    }

    public func observe(_ input: SourceRead) -> Observation {
        do {
            return try locked {
                switch input {
                case .entry(let path):
                    return Observation(try resolve(path, followLast: false)?.fileEntry)
                case .read(let path):
                    guard let node = try resolve(path, followLast: true) else { return .absent }
                    return node.kind == .file ? .content(node.oid) : Observation(node.fileEntry)
                case .list(let path):
                    guard let node = try resolve(path, followLast: true) else { return .absent }
                    return node.kind == .directory ? .listing(try names(ofTree: node.oid)) : Observation(node.fileEntry)
                }
            }
        } catch {
            return .failed("\(error)")
        }
    }

    // MARK: - resolution inside the tree

    struct Node {
        enum Kind { case file, directory, symlink, submodule }
        var kind: Kind
        var oid: String
        var linkTarget: String?

        var fileEntry: FileEntry {
            switch kind {
            case .file: .file
            case .directory: .directory
            case .submodule: .submodule
            case .symlink: .symlink(target: linkTarget ?? "")
            }
        }
    }

    private func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func existing(_ path: String) throws -> Node {
        guard let node = try resolve(path, followLast: true) else {
            throw error(.notFound, "no such file or directory", path)
        }
        return node
    }

    /// Walks `path` component by component, following symbolic links that stay inside the tree.
    /// Returns nil when nothing exists there (or a non-directory is walked through).
    func resolve(_ path: String, followLast: Bool) throws -> Node? {
        var pending = TreePath.components(path)
        var done: [String] = []
        var hops = 0
        while !pending.isEmpty {
            let name = pending.removeFirst()
            let here = done + [name]
            if name.lowercased() == ".git" {
                throw error(.forbidden, "a path component named .git is refused (git rejects such trees; rename it)",
                    "/" + here.joined(separator: "/"))
            }
            guard let (mode, oid) = try lookup(here.joined(separator: "/")) else { return nil }
            let isLast = pending.isEmpty
            switch mode {
            case GIT_FILEMODE_TREE:
                done = here
                if isLast { return Node(kind: .directory, oid: oid) }
            case GIT_FILEMODE_LINK:
                let target = String(decoding: try blobBytes(oid, path: "/" + here.joined(separator: "/"), limit: 4096), as: UTF8.self)
                if isLast && !followLast { return Node(kind: .symlink, oid: oid, linkTarget: target) }
                hops += 1
                guard hops <= 40 else { throw error(.invalid, "too many levels of symbolic links", path) }
                guard !target.hasPrefix("/"),
                    let next = TreePath.join(done, target)
                else { throw escapeError(link: "/" + here.joined(separator: "/"), target: target, path: path) }
                pending = next + pending
                done = []
            case GIT_FILEMODE_COMMIT:
                return isLast ? Node(kind: .submodule, oid: oid) : nil
            default:
                return isLast ? Node(kind: .file, oid: oid) : nil
            }
        }
        return Node(kind: .directory, oid: hex(git_tree_id(tree)))
    }

    private func lookup(_ relative: String) throws -> (git_filemode_t, String)? {
        if let known = lookups[relative] { return known }
        var entry: OpaquePointer?
        let rc = git_tree_entry_bypath(&entry, tree, relative)
        if rc == GIT_ENOTFOUND.rawValue {
            lookups[relative] = .some(nil)
            return nil
        }
        try check(rc, .internal, "cannot read /\(relative) at \(commit)")
        defer { git_tree_entry_free(entry) }
        let found = (git_tree_entry_filemode(entry), hex(git_tree_entry_id(entry)))
        lookups[relative] = found
        return found
    }

    private func blobBytes(_ id: String, path: String, limit: Int?) throws -> [UInt8] {
        var oid = parseOID(id)!
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, repo.pointer, &oid), .internal, "cannot read blob of \(path) at \(commit)")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        if let limit, size > limit {
            throw error(.invalid, "file is \(size) bytes, over the limit of \(limit) bytes", path)
        }
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    private func names(ofTree id: String) throws -> [String] {
        var oid = parseOID(id)!
        var t: OpaquePointer?
        try check(git_tree_lookup(&t, repo.pointer, &oid), .internal, "cannot read tree \(id)")
        defer { git_tree_free(t) }
        let count = git_tree_entrycount(t)
        return (0..<count).map { String(cString: git_tree_entry_name(git_tree_entry_byindex(t, $0))) }.sorted()
    }

    private func error(_ category: ErrorCategory, _ message: String, _ path: String) -> GitSourceError {
        GitSourceError(category, message, revision: commit, path: path)
    }

    private func escapeError(link: String, target: String, path: String) -> GitSourceError {
        GitSourceError(
            .forbidden, "symbolic link \(link) -> \(target) escapes the repository tree", revision: commit, path: path,
            hint: "make the link relative and keep it inside the repository")
    }

    private func submoduleError(_ path: String) -> GitSourceError {
        GitSourceError(
            .invalid, "is a git submodule, which Kealm does not fetch", revision: commit, path: path,
            hint: "vendor the submodule's files into the repository or point the application at its own repository")
    }
}

/// Slash-path arithmetic for paths inside a tree.
enum TreePath {
    /// The components of an absolute path; `.` dropped, `..` applied (clamped at the root, as on disk).
    static func components(_ path: String) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = out.popLast() } else { out.append(String(part)) }
        }
        return out
    }

    /// The components of a relative link target taken from the directory `base`; nil when it climbs above the root.
    static func join(_ base: [String], _ relative: String) -> [String]? {
        var out = base
        for part in relative.split(separator: "/") where part != "." {
            if part == ".." {
                guard out.popLast() != nil else { return nil }
            } else {
                out.append(String(part))
            }
        }
        return out
    }
}
