import ArgumentParser

/// `kealm hub …`: the virtual control plane (a Kubernetes-compatible API server with logical clusters).
struct HubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Serve and manage the virtual control plane (Kubernetes-compatible API, logical clusters).",
        subcommands: [HubServe.self, HubCluster.self, HubKubeconfig.self]
    )
}

/// The `--data` option shared by the hub subcommands.
struct HubDataOptions: ParsableArguments {
    @Option(help: "The hub's data directory (SQLite database, admin.kubeconfig).")
    var data: String = ".kealm/hub"
}
