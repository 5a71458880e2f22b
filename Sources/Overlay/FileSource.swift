/// What a path names in a `FileSource`.
public enum FileEntry: Sendable, Hashable {
    case file
    case directory
    /// A symbolic link and its target, exactly as stored (relative or absolute).
    case symlink(target: String)
    /// A git submodule (gitlink); never readable.
    case submodule
}

/// A read-only tree of files the render engine loads kustomizations and manifests from.
///
/// Paths are absolute and slash-separated (`/overlays/dev/kustomization.yaml`); `/` is the
/// root of the source (the filesystem root for disk, the repository root for a Git tree).
/// Implementations do not follow symbolic links: `entry(at:)` reports them, and the engine
/// resolves them itself so that every hop can be checked against the load restrictions.
public protocol FileSource: Sendable {
    /// What the path names, or nil when nothing exists there. The last component is not followed.
    func entry(at path: String) throws -> FileEntry?
    /// The bytes of a regular file.
    func read(_ path: String) throws -> [UInt8]
    /// The names (not paths) of the entries of a directory, sorted.
    func list(_ directory: String) throws -> [String]
}
