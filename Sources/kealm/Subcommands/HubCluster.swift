import ArgumentParser
import VirtualCluster

/// `kealm hub cluster create|delete|list`: manages logical clusters in a hub's data directory.
struct HubCluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Create, delete or list logical clusters (works while the hub is serving).",
        subcommands: [Create.self, Delete.self, List.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a logical cluster (no error when it exists).")
        @OptionGroup var options: HubDataOptions
        @Argument(help: "The cluster name (lowercase letters, digits, '-').") var name: String

        func run() throws {
            guard Hub.isValidClusterName(name) else {
                throw ValidationError("invalid cluster name \(name): use lowercase letters, digits and '-'")
            }
            try HubDataDirectory(options.data).openStore().createCluster(name)
            print("cluster \(name) created")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a logical cluster with all its objects and tokens.")
        @OptionGroup var options: HubDataOptions
        @Argument(help: "The cluster name.") var name: String

        func run() throws {
            guard name != Hub.defaultCluster else { throw ValidationError("the default cluster cannot be deleted") }
            let store = try HubDataDirectory(options.data).openStore()
            guard try store.clusterExists(name) else { throw ValidationError("no logical cluster named \(name)") }
            try store.deleteCluster(name)
            print("cluster \(name) deleted")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the logical clusters.")
        @OptionGroup var options: HubDataOptions

        func run() throws {
            for name in try HubDataDirectory(options.data).openStore().clusterNames() { print(name) }
        }
    }
}
