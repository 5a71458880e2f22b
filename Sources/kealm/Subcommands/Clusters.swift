import ArgumentParser
import Foundation
import KealmApp
import KealmYAML
import KubeClient

/// `kealm clusters`: the ManagedClusters with their labels, availability and the placements that select them.
struct Clusters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List managed clusters: labels, availability, selected by.")

    @OptionGroup var hub: HubOptions

    func run() async throws {
        do {
            let client = try hub.client()
            let clusters = try await client.list(HubKinds.managedCluster).items
            let decisions = (try? await client.list(FleetKinds.placementDecision).items) ?? []
            print(ClusterTable.render(clusters: clusters, decisions: decisions), terminator: "")
        } catch {
            throw ExitStatus.fail(error, hint: "is the hub running? `kealm up` writes .kealm/hub.kubeconfig")
        }
    }
}
