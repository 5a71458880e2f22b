import KealmYAML

/// Reads files for a build through a `FileSource`, enforcing the load restrictions.
///
/// Two rules apply. kustomize's own: a file a kustomization reads (a resource file, a patch,
/// a generator source) must lie in or below that kustomization's directory once symlinks are
/// resolved; other kustomization directories may be anywhere. Kealm's optional outer root:
/// nothing at all may be read outside it, whether reached by `..`, an absolute path or a
/// symlink; every symlink hop is resolved here through `FileSource.entry(at:)` and checked.
final class Loader {
    let source: any FileSource
    /// The outer boundary (a real path), or nil.
    let outerRoot: String?
    static let maxHops = 40

    init(source: any FileSource, outerRoot: String?) {
        self.source = source
        self.outerRoot = outerRoot.map(PathSyntax.clean)
    }

    /// The path with every symlink resolved; each hop is checked against the outer root.
    /// Returns the resolved path and what it names (nil when nothing exists there).
    func resolve(_ path: String, asker: String) throws(OverlayError) -> (path: String, entry: FileEntry?) {
        var pending = PathSyntax.clean(path).split(separator: "/").map(String.init)
        var cur = "/"
        var hops = 0
        try checkOuter(PathSyntax.clean(path), asker: asker, via: nil)
        while !pending.isEmpty {
            let comp = pending.removeFirst()
            let next = cur == "/" ? "/" + comp : cur + "/" + comp
            let e: FileEntry?
            do { e = try source.entry(at: next) } catch {
                throw OverlayError(.unavailable, "cannot read \(next): \(error)", file: asker)
            }
            switch e {
            case .symlink(let target):
                hops += 1
                if hops > Self.maxHops {
                    throw OverlayError(.invalid, "too many levels of symbolic links at \(next)", file: asker)
                }
                let landing = PathSyntax.join(cur, target)
                try checkOuter(landing, asker: asker, via: next)
                pending = landing.split(separator: "/").map(String.init) + pending
                cur = "/"
            case nil:
                let rest = pending.isEmpty ? next : next + "/" + pending.joined(separator: "/")
                return (rest, nil)
            case .some(let entry):
                cur = next
                if pending.isEmpty { return (cur, entry) }
            }
        }
        return (cur, .directory)
    }

    func checkOuter(_ path: String, asker: String, via link: String?) throws(OverlayError) {
        guard let root = outerRoot, !PathSyntax.isWithin(path, root) else { return }
        let how = link.map { "symlink \($0) points to \(path)" } ?? "\(path)"
        throw OverlayError(.forbidden, "\(how), which is outside the root \(root)", file: asker,
            hint: "keep every file the build reads inside the root directory")
    }

    /// Reads a file that kustomization directory `kustDir` asks for, under kustomize's restriction.
    func readRestricted(_ path: String, kustDir: String, asker: String) throws(OverlayError) -> (bytes: [UInt8], real: String) {
        let joined = PathSyntax.join(kustDir, path)
        let (real, entry) = try resolve(joined, asker: asker)
        guard let entry else {
            throw OverlayError(.notFound, "file \(path) does not exist", file: asker, hint: "check the path")
        }
        guard entry == .file else {
            throw OverlayError(.invalid, "\(path) is not a regular file", file: asker)
        }
        let (realDir, _) = try resolve(kustDir, asker: asker)
        guard PathSyntax.isWithin(real, realDir) else {
            throw OverlayError(.forbidden,
                "security; file '\(joined)' is not in or below '\(kustDir)'", file: asker,
                hint: "move the file under the kustomization directory, or make that directory a kustomization and list it")
        }
        do { return (try source.read(real), real) } catch {
            throw OverlayError(.unavailable, "cannot read \(real): \(error)", file: asker)
        }
    }

    /// Lists a directory (resolved path).
    func list(_ dir: String) throws(OverlayError) -> [String] {
        do { return try source.list(dir) } catch { throw OverlayError(.unavailable, "cannot list \(dir): \(error)") }
    }

    /// Reads a file by resolved path without the kustomization restriction (outer root already checked).
    func read(real: String, asker: String) throws(OverlayError) -> [UInt8] {
        do { return try source.read(real) } catch {
            throw OverlayError(.unavailable, "cannot read \(real): \(error)", file: asker)
        }
    }
}
