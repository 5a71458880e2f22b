import ArgumentParser

/// The `kealm` command: a GitOps reconciler for fleets of Kubernetes clusters.
@main
struct Kealm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kealm",
        abstract: "GitOps for fleets of Kubernetes clusters: render, place, deliver in waves, keep in sync.",
        version: KealmVersion.string,
        subcommands: [Up.self, Render.self, Controller.self, Agent.self, Status.self, Refresh.self, Clusters.self, Sync.self, Diff.self, Explain.self, PlacementCommand.self, AppSetCommand.self, Version.self, HubCommand.self, FleetBench.self, FleetWatchBenchCommand.self, AppctlBenchCommand.self]
    )
}
