import ArgumentParser
import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient

/// `kealm status`: every Application on every cluster, with sync, health, wave and what it waits on.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every application on every cluster: revision, sync, health, current wave and what it waits on."
    )

    enum Output: String, ExpressibleByArgument, CaseIterable { case table, wide, json, yaml }

    @OptionGroup var hub: HubOptions

    @Argument(help: "Show only these applications (ApplicationSet or Application names).")
    var apps: [String] = []

    @Option(help: "Show only this cluster.")
    var cluster: String?

    @Option(name: .shortAndLong, help: "Output format: table, wide, json or yaml.")
    var output: Output = .table

    @Flag(help: "Redraw every two seconds until interrupted.")
    var watch = false

    @Flag(help: "Exit with status 1 unless every application is Synced and Healthy (or Suspended).")
    var failOnUnhealthy = false

    func run() async throws {
        do {
            let client = try hub.client()
            repeat {
                let (rows, warnings) = try await Self.collect(client: client, apps: apps, cluster: cluster)
                if watch && isatty(1) != 0 { print("\u{1B}[H\u{1B}[2J", terminator: "") }
                print(try format(rows), terminator: "")
                for w in warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
                if !watch {
                    if failOnUnhealthy && (rows.isEmpty || !rows.allSatisfy(\.isSettled)) { throw ExitCode(1) }
                    return
                }
                try await Task.sleep(nanoseconds: 2_000_000_000)
            } while true
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error, hint: "is the hub running? `kealm up` writes .kealm/hub.kubeconfig")
        }
    }

    func format(_ rows: [AppStatusRow]) throws -> String {
        switch output {
        case .table, .wide:
            if rows.isEmpty { return "no applications\n" }
            return StatusTable.render(rows, wide: output == .wide, colour: isatty(1) != 0)
        case .json: return JSON.encode(.sequence(rows.map(\.node))) + "\n"
        case .yaml: return try YAMLEmitter.emit([.sequence(rows.map(\.node))])
        }
    }

    /// Reads Applications, ManagedClusters and Placements; returns rows and loud warnings about
    /// placements that select nothing.
    static func collect(client: KubeClient, apps: [String], cluster: String?) async throws -> ([AppStatusRow], [String]) {
        let applications = try await client.list(HubKinds.application).items
        let clusters = (try? await client.list(HubKinds.managedCluster).items) ?? []
        let placements = (try? await client.list(HubKinds.placement).items) ?? []
        let rows = StatusReport.rows(applications: applications, managedClusters: clusters, filter: apps, cluster: cluster)
        return (rows, PlacementWarnings.warnings(placements))
    }
}
