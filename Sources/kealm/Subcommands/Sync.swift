import ArgumentParser
import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient

/// `kealm sync`: asks for a sync now by writing Argo CD's `operation` field on each Application
/// (the same request `argocd app sync` makes); the application controller runs it and records
/// the result in `status.operationState`.
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sync applications now (optionally pruning, optionally waiting for the result)."
    )

    @OptionGroup var hub: HubOptions

    @Argument(help: "Applications to sync: ApplicationSet names (all their Applications) or Application names.")
    var apps: [String]

    @Flag(help: "Delete resources that are no longer in Git.")
    var prune = false

    @Option(help: "Sync this revision instead of the target revision.")
    var revision: String?

    @Flag(help: "Wait until every sync operation has finished.")
    var wait = false

    @Option(help: "With --wait: give up after this many seconds.")
    var timeout: Double = 120

    func run() async throws {
        do {
            let client = try hub.client()
            let rows = StatusReport.rows(applications: try await client.list(HubKinds.application).items, managedClusters: [], filter: apps)
            if rows.isEmpty {
                throw ModelError(.notFound, "no application named \(apps.joined(separator: ", "))", hint: "`kealm status` lists the applications")
            }
            let requested = Date()
            var sync: [YAMLPair] = [YAMLPair("prune", .bool(prune))]
            if let revision { sync.append(YAMLPair("revision", .string(revision))) }
            let patch = YAMLNode.mapping([YAMLPair("operation", .mapping([
                YAMLPair("sync", .mapping(sync)),
                YAMLPair("initiatedBy", .mapping([YAMLPair("username", .string("kealm-cli"))])),
            ]))])
            for row in rows {
                _ = try await client.patch(HubKinds.application, name: row.application, namespace: row.namespace, type: .merge, patch: patch)
                print("sync requested: \(row.namespace)/\(row.application)")
            }
            if wait { try await waitForOperations(client: client, rows: rows, since: requested) }
        } catch let e as ExitCode {
            throw e
        } catch {
            throw ExitStatus.fail(error)
        }
    }

    /// Waits until each Application has no pending `operation` and an `operationState` that finished
    /// after the request; fails when any operation failed.
    func waitForOperations(client: KubeClient, rows: [AppStatusRow], since: Date) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var pending = Set(rows.map { "\($0.namespace)/\($0.application)" })
        var failed: [String] = []
        while !pending.isEmpty {
            for key in pending.sorted() {
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                let app = try await client.get(HubKinds.application, name: parts[1], namespace: parts[0])
                guard app["operation"] == nil, let finished = app.string(at: "status", "operationState", "finishedAt"),
                    let stamp = Timestamp(rfc3339: finished), Date(timeIntervalSince1970: TimeInterval(stamp.seconds)) >= since.addingTimeInterval(-1)
                else { continue }
                pending.remove(key)
                let phase = app.string(at: "status", "operationState", "phase") ?? "?"
                let message = app.string(at: "status", "operationState", "message") ?? ""
                print("\(key): \(phase) \(message)")
                if phase != "Succeeded" { failed.append(key) }
            }
            if pending.isEmpty { break }
            if Date() > deadline {
                throw ModelError(.unavailable, "timed out after \(Int(timeout)) s waiting for \(pending.sorted().joined(separator: ", "))",
                    hint: "`kealm status` shows what they wait on")
            }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        if !failed.isEmpty { throw ModelError(.invalid, "sync failed for \(failed.joined(separator: ", "))", hint: "`kealm status -o wide` shows why") }
    }
}
