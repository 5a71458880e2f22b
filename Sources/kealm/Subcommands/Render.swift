import ArgumentParser
import Foundation
import KealmApp
import KealmYAML
import Overlay

/// `kealm render DIR`: builds a kustomization offline, printing what `kubectl kustomize DIR` prints.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a kustomization directory and print the YAML stream (same output as `kubectl kustomize DIR`)."
    )

    @Argument(help: "The kustomization directory to build (with --repo: a path inside the repository).")
    var directory: String

    @Option(help: "Refuse to read anything outside this directory (symlinks resolved).")
    var root: String?

    @OptionGroup(title: "Build from Git")
    var git: GitRenderOptions

    func run() throws {
        if git.repo != nil {
            do { FileHandle.standardOutput.write(Data(try renderFromGit(git, path: directory).utf8)) } catch {
                throw ExitStatus.fail(error)
            }
            return
        }
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : cwd + "/" + p }
        do {
            let docs = try Renderer.render(directory: absolute(directory), source: DiskFileSource(),
                options: RenderOptions(outerRoot: root.map(absolute)))
            let text = try YAMLEmitter.emit(docs)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
