import KealmModel
import Testing
@testable import Overlay

/// kustomize's load restrictor and Kealm's outer root: escapes by `..`, absolute paths and
/// symlinks (to files and directories, chained), cycles and remote resources are refused, and
/// each refusal names the path and the kustomization that asked.
@Suite struct LoaderSecurityTests {
    static let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"

    func source(_ kustomization: String, extra: (inout MemoryFileSource) -> Void = { _ in }) -> MemoryFileSource {
        var fs = MemoryFileSource()
        fs.file("/repo/app/kustomization.yaml", kustomization)
        fs.file("/repo/app/cm.yaml", Self.cm)
        fs.file("/repo/base/kustomization.yaml", "resources:\n- cm.yaml\n")
        fs.file("/repo/base/cm.yaml", Self.cm.replacingOccurrences(of: "name: cm", with: "name: base"))
        fs.file("/repo/shared.yaml", Self.cm.replacingOccurrences(of: "name: cm", with: "name: shared"))
        fs.file("/etc/secret.yaml", Self.cm.replacingOccurrences(of: "name: cm", with: "name: secret"))
        fs.file("/outside/kustomization.yaml", "resources:\n- cm.yaml\n")
        fs.file("/outside/cm.yaml", Self.cm.replacingOccurrences(of: "name: cm", with: "name: outside"))
        extra(&fs)
        return fs
    }

    func refusal(_ fs: MemoryFileSource, root: String? = nil) -> OverlayError? {
        do {
            _ = try Renderer.render(directory: "/repo/app", source: fs, options: RenderOptions(outerRoot: root))
            return nil
        } catch {
            return error
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var kustomization: String
        var links: [(String, String)] = []
        var root: String? = nil
        var mentions: String
    }

    static let refused: [Case] = [
        Case(description: "file above the kustomization via ..", kustomization: "resources:\n- ../shared.yaml\n", mentions: "shared.yaml"),
        Case(description: "absolute file path", kustomization: "resources:\n- /etc/secret.yaml\n", mentions: "/etc/secret.yaml"),
        Case(description: "symlinked file leaving the kustomization", kustomization: "resources:\n- link.yaml\n",
            links: [("/repo/app/link.yaml", "../../etc/secret.yaml")], mentions: "link.yaml"),
        Case(description: "directory outside the root", kustomization: "resources:\n- ../../outside\n", root: "/repo",
            mentions: "outside"),
        Case(description: "symlinked directory leaving the root", kustomization: "resources:\n- sub\n",
            links: [("/repo/app/sub", "/outside")], root: "/repo", mentions: "/repo/app/sub"),
        Case(description: "chained symlinks leaving the root", kustomization: "resources:\n- a\n",
            links: [("/repo/app/a", "b"), ("/repo/app/b", "../c"), ("/repo/c", "/outside")], root: "/repo", mentions: "/repo/c"),
        Case(description: "cycle through a parent directory", kustomization: "resources:\n- ..\n",
            links: [], mentions: "cycle"),
        Case(description: "remote resource", kustomization: "resources:\n- https://github.com/example/repo//base\n",
            mentions: "remote"),
        Case(description: "symlink loop", kustomization: "resources:\n- loop.yaml\n",
            links: [("/repo/app/loop.yaml", "loop2.yaml"), ("/repo/app/loop2.yaml", "loop.yaml")], mentions: "symbolic links"),
    ]

    @Test(arguments: refused)
    func refuses(_ c: Case) {
        var fs = source(c.kustomization)
        for (from, to) in c.links { fs.link(from, to: to) }
        if c.description.hasPrefix("cycle") { fs.file("/repo/kustomization.yaml", "resources:\n- app\n") }
        let error = refusal(fs, root: c.root)
        #expect(error != nil, "expected a refusal")
        #expect(error?.description.contains(c.mentions) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("/repo") == true, "the error names the kustomization: \(error?.description ?? "")")
    }

    @Test func allowsOtherKustomizationDirectories() throws {
        let fs = source("resources:\n- ../base\n- cm.yaml\n")
        let docs = try Renderer.render(directory: "/repo/app", source: fs, options: RenderOptions(outerRoot: "/repo"))
        #expect(docs.compactMap { $0.string(at: "metadata", "name") } == ["base", "cm"])
    }

    @Test func allowsSymlinksThatStayInside() throws {
        var fs = source("resources:\n- link.yaml\n")
        fs.link("/repo/app/link.yaml", to: "cm.yaml")
        let docs = try Renderer.render(directory: "/repo/app", source: fs, options: RenderOptions(outerRoot: "/repo"))
        #expect(docs.count == 1)
    }

    @Test func refusalsAreForbiddenErrors() {
        let error = refusal(source("resources:\n- ../shared.yaml\n"))
        #expect(error?.category == .forbidden)
    }
}
