import Foundation
import Glibc
import Overlay

/// A `FileSource` over the local file system. Symbolic links are reported, not followed, so the
/// render engine can check every hop against its load restrictions.
public struct DiskFileSource: FileSource {
    /// Files larger than this are refused by their size, before any byte is read.
    public var maxFileBytes: Int

    public init(maxFileBytes: Int = 64 << 20) { self.maxFileBytes = maxFileBytes }

    public func entry(at path: String) throws -> FileEntry? {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw DiskError(path: path, message: String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFLNK:
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buf, buf.count - 1)
            guard n >= 0 else { throw DiskError(path: path, message: String(cString: strerror(errno))) }
            let target = buf.prefix(n).withUnsafeBufferPointer { p in
                String(decoding: UnsafeRawBufferPointer(p), as: UTF8.self)
            }
            return .symlink(target: target)
        case S_IFDIR: return .directory
        default: return .file
        }
    }

    public func read(_ path: String) throws -> [UInt8] {
        var st = stat()
        if stat(path, &st) == 0, Int(st.st_size) > maxFileBytes {
            throw DiskError(path: path,
                message: "file is \(st.st_size) bytes, more than the \(maxFileBytes >> 20) MiB limit; split it or remove it from the kustomization")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiskError(path: path, message: "cannot read file")
        }
        return [UInt8](data)
    }

    public func list(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }
}

/// A file system error with the path concerned.
public struct DiskError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
