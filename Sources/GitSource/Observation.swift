import Overlay

/// One kind of read the render engine makes through a `FileSource`.
public enum SourceRead: Hashable, Sendable, Comparable, Codable {
    /// `entry(at:)`
    case entry(String)
    /// `read(_:)`
    case read(String)
    /// `list(_:)`
    case list(String)
}

/// What a read saw, in a form that can be compared across commits without reading file contents:
/// a file read is identified by its blob id.
public enum Observation: Hashable, Sendable, Codable {
    case absent
    case file
    case directory
    case symlink(String)
    case submodule
    /// The blob id of the bytes read.
    case content(String)
    /// The sorted names of a directory.
    case listing([String])
    /// The read failed with this message.
    case failed(String)

    init(_ entry: FileEntry?) {
        switch entry {
        case nil: self = .absent
        case .file: self = .file
        case .directory: self = .directory
        case .symlink(let target): self = .symlink(target)
        case .submodule: self = .submodule
        }
    }
}

/// A `FileSource` that can say, cheaply, what a read would observe (without reading file bodies).
public protocol ObservableFileSource: FileSource {
    /// What `input` would observe in this source; errors are reported as `.failed`.
    func observe(_ input: SourceRead) -> Observation
    /// An id of the whole content (a tree id); two sources with the same id observe the same everywhere.
    var snapshotID: String? { get }
}

extension ObservableFileSource {
    public var snapshotID: String? { nil }
}
