import ArgumentParser
import Foundation
import Generation
import KealmYAML
import Placement

/// `kealm placement`: OCM Placement tools.
struct PlacementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "placement", abstract: "OCM Placement scheduling, offline.",
        subcommands: [Decide.self])

    /// `kealm placement decide -f FILE…`: schedules every Placement in the files.
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each Placement with its computed status and its PlacementDecisions, as the hub would hold them.",
            discussion: "Reads ManagedClusters, ManagedClusterSets, ManagedClusterSetBindings, Placements, existing "
                + "PlacementDecisions and AddOnPlacementScores from the files; writes nothing.")

        @Option(name: .shortAndLong, help: "A file of objects (repeatable).")
        var file: [String] = []

        @Flag(help: "Print why each cluster was or was not chosen instead of the objects.")
        var explain = false

        @Option(name: .shortAndLong, help: "Output format: yaml or json.")
        var output: OutputFormat = .yaml

        @Option(help: "Evaluate tolerations and score expiry at this RFC 3339 time (default: now).")
        var now: String?

        func validate() throws {
            if file.isEmpty { throw ValidationError("give at least one -f FILE") }
        }

        func run() throws {
            let objects = try FleetIO.readObjects(file)
            let eval = FleetEvaluation(objects: objects, now: try FleetIO.now(now))
            for e in eval.errors { FleetIO.warn(e.description) }
            if eval.placements.isEmpty { FleetIO.warn("no Placement in the files") }
            if explain {
                let text = eval.placements.map(\.explanation).joined(separator: "\n")
                FileHandle.standardOutput.write(Data(text.utf8))
            } else {
                try FleetIO.printObjects(eval.placements.flatMap { [$0.placementWithStatus] + $0.decisions }, format: output)
            }
            if !eval.errors.isEmpty { throw ExitCode(1) }
        }
    }
}
