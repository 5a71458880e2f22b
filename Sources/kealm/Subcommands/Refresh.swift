import ArgumentParser
import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient

/// `kealm refresh`: asks the controller to fetch and re-render now, through the
/// `argocd.argoproj.io/refresh` annotation (the same path a webhook or kubectl uses).
struct Refresh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch and re-render applications now (optionally waiting until they are reconciled)."
    )

    @OptionGroup var hub: HubOptions

    @Argument(help: "Applications to refresh: ApplicationSet names (all their Applications) or Application names.")
    var apps: [String] = []

    @Flag(help: "Refresh every application.")
    var all = false

    @Flag(help: "Bypass the render cache.")
    var hard = false

    @Flag(help: "Wait until every refreshed application is reconciled at the new revision.")
    var wait = false

    @Option(help: "With --wait: give up after this many seconds.")
    var timeout: Double = 120

    func validate() throws {
        if apps.isEmpty && !all { throw ValidationError("name at least one application, or use --all") }
    }

    func run() async throws {
        do {
            let client = try hub.client()
            let applications = try await client.list(HubKinds.application).items
            let rows = StatusReport.rows(applications: applications, managedClusters: [], filter: all ? [] : apps)
            if rows.isEmpty {
                throw ModelError(.notFound, "no application named \(apps.joined(separator: ", "))",
                    hint: "`kealm status` lists the applications")
            }
            let requested = Date()
            let patch = YAMLNode.mapping([YAMLPair("metadata", .mapping([YAMLPair("annotations", .mapping([
                YAMLPair(RefreshRequest.annotation, .string(hard ? "hard" : "normal"))
            ]))]))])
            for row in rows {
                _ = try await client.patch(HubKinds.application, name: row.application, namespace: row.namespace,
                    type: .merge, patch: patch)
                print("refresh requested: \(row.namespace)/\(row.application)")
            }
            if wait { try await waitUntilReconciled(client: client, rows: rows, since: requested) }
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }

    func waitUntilReconciled(client: KubeClient, rows: [AppStatusRow], since: Date) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var pending = Set(rows.map { "\($0.namespace)/\($0.application)" })
        while !pending.isEmpty {
            for key in pending.sorted() {
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                let app = try await client.get(HubKinds.application, name: parts[1], namespace: parts[0])
                let row = AppStatusRow(application: app, clusterLabels: [:])
                if RefreshRequest.isDone(app, requestedAt: since) && row.isSettled {
                    pending.remove(key)
                    print("\(key): \(row.sync) \(row.health) at \(row.shortRevision)")
                }
            }
            if pending.isEmpty { break }
            if Date() > deadline {
                throw ModelError(.unavailable, "timed out after \(Int(timeout)) s waiting for \(pending.sorted().joined(separator: ", "))",
                    hint: "`kealm status` shows what they wait on")
            }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
    }
}
