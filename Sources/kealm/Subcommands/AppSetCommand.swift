import ArgumentParser
import Foundation
import Generation
import KealmYAML

/// `kealm appset`: Argo CD ApplicationSet tools.
struct AppSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "appset", abstract: "Argo CD ApplicationSet generation, offline.",
        subcommands: [Generate.self])

    /// `kealm appset generate -f FILE…`: the Applications the ApplicationSets in the files produce.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the Applications the ApplicationSets in the files would produce.",
            discussion: "Inputs come from the same files: Argo CD cluster Secrets, ConfigMaps, PlacementDecisions, and "
                + "ManagedClusters with Placements and GitOpsClusters (scheduled first, as the hub would). Writes nothing.")

        @Option(name: .shortAndLong, help: "A file of objects (repeatable).")
        var file: [String] = []

        @Option(help: "A local checkout read as the repository of every git generator.")
        var repoDir: String?

        @Option(name: .shortAndLong, help: "Output format: yaml or json.")
        var output: OutputFormat = .yaml

        @Option(help: "Evaluate Placement tolerations at this RFC 3339 time (default: now).")
        var now: String?

        func validate() throws {
            if file.isEmpty { throw ValidationError("give at least one -f FILE") }
        }

        func run() throws {
            let objects = try FleetIO.readObjects(file)
            let eval = FleetEvaluation(objects: objects, now: try FleetIO.now(now), repo: repoDir.map { DiskRepoFiles(root: $0) })
            for e in eval.errors { FleetIO.warn(e.description) }
            if eval.applicationSets.isEmpty { FleetIO.warn("no ApplicationSet in the files") }
            var apps: [YAMLNode] = []
            var failed = !eval.errors.isEmpty
            for (_, result) in eval.applicationSets {
                switch result {
                case .success(let a): apps += a
                case .failure(let e):
                    FleetIO.warn(e.description)
                    failed = true
                }
            }
            try FleetIO.printObjects(apps, format: output)
            if failed { throw ExitCode(1) }
        }
    }
}
