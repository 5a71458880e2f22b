import ArgumentParser
import Drift
import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Planning

/// `kealm diff APP`: what differs between what Git says (the manifests Kealm published in the
/// Application's ManifestWorks) and what is live on each member cluster, on the fields Kealm manages.
/// Exit status 1 when anything differs.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how the live objects of an application differ from Git (exit 1 when they differ)."
    )

    @OptionGroup var hub: HubOptions

    @Argument(help: "The application: an ApplicationSet name (all its Applications) or an Application name.")
    var app: String

    @Option(help: "Only this cluster.")
    var cluster: String?

    @Option(help: "Directory of member cluster kubeconfigs named <cluster>.kubeconfig (kealm up writes .kealm/clusters).")
    var clusterKubeconfigs: String = ".kealm/clusters"

    func run() async throws {
        var drifted = false
        do {
            let client = try hub.client()
            let rows = StatusReport.rows(applications: try await client.list(HubKinds.application).items,
                managedClusters: (try? await client.list(HubKinds.managedCluster).items) ?? [], filter: [app], cluster: cluster)
            if rows.isEmpty {
                throw ModelError(.notFound, "no application named \(app)", hint: "`kealm status` lists the applications")
            }
            for row in rows {
                let path = "\(clusterKubeconfigs)/\(row.cluster).kubeconfig"
                guard FileManager.default.fileExists(atPath: path) else {
                    FileHandle.standardError.write(Data("\(row.application): no kubeconfig for cluster \(row.cluster) at \(path); skipped\n".utf8))
                    continue
                }
                let member = try KubeClient(kubeconfig: path)
                let works = try await client.list(FleetKinds.manifestWork, namespace: row.cluster,
                    options: ListOptions(labelSelector: "\(Tracking.applicationLabel)=\(row.application)")).items
                let manifests = works.flatMap { $0[path: ["spec", "workload", "manifests"]]?.items ?? [] }
                for desired in manifests {
                    guard let ref = ObjectRef(object: desired) else { continue }
                    var live: YAMLNode?
                    do {
                        live = try await member.get(ref.gvk, name: ref.name, namespace: ref.namespace.isEmpty ? nil : ref.namespace)
                    } catch {
                        if error.category != .notFound { throw error }
                    }
                    let drift = DriftDetector.compare(desired: desired, live: live)
                    if drift.isDrifted {
                        drifted = true
                        print("=== \(row.application) on \(row.cluster): \(ref)")
                        print(drift.text)
                    }
                }
            }
        } catch {
            throw ExitStatus.fail(error)
        }
        if drifted { throw ExitCode(1) }
        print("no differences")
    }
}
