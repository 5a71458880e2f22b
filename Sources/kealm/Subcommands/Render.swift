import ArgumentParser

/// `kealm render DIR`: builds a kustomization offline, printing what `kubectl kustomize DIR` prints.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a kustomization directory and print the YAML stream (same output as `kubectl kustomize DIR`)."
    )

    @Argument(help: "The kustomization directory to build.")
    var directory: String

    @Option(help: "Refuse to read anything outside this directory (symlinks resolved).")
    var root: String?

    func run() throws {
        throw ValidationError("render is not implemented yet")
    }
}
