import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient

/// What a converged crash fleet looks like, checked against the live hub and members. Returns the
/// violations (empty when converged):
/// - every Application of the fixture exists (and no other), Synced and Healthy at `revision`;
/// - exactly one ManifestWork per Application in its cluster's namespace, none for unknown apps;
/// - each member holds exactly the objects its works name (no orphan, nothing missing) — among
///   the objects carrying Kealm's tracking annotation — with the data of `generation`;
/// - every Deployment has `metadata.generation` 1: its spec was written once, never twice.
struct FleetInvariants {
    static let deployment = GVK(group: "apps", version: "v1", kind: "Deployment")
    static let configMap = GVK(group: "", version: "v1", kind: "ConfigMap")
    static let namespace = GVK(group: "", version: "v1", kind: "Namespace")
    static let tracking = "kealm.io/tracking-id"

    let fixture: CrashFixture
    let hub: KubeClient
    let members: [String: KubeClient]

    func violations(generation: Int, revision: String) async -> [String] {
        do { return try await check(generation: generation, revision: revision) } catch {
            return ["could not read the fleet: \(error)"]
        }
    }

    func check(generation: Int, revision: String) async throws -> [String] {
        var out: [String] = []
        let apps = try await hub.list(FleetKinds.application, namespace: "argocd").items
        let names = Set(apps.compactMap { $0.string(at: "metadata", "name") })
        if names != fixture.applicationNames {
            out.append("applications: missing \(fixture.applicationNames.subtracting(names).sorted()), "
                + "unexpected \(names.subtracting(fixture.applicationNames).sorted())")
        }
        for app in apps {
            let name = app.string(at: "metadata", "name") ?? "?"
            let sync = app.string(at: "status", "sync", "status") ?? "-"
            let health = app.string(at: "status", "health", "status") ?? "-"
            let rev = app.string(at: "status", "sync", "revision") ?? "-"
            if sync != "Synced" || health != "Healthy" || rev != revision {
                out.append("\(name): \(sync)/\(health) at \(rev.prefix(7)) (want Synced/Healthy at \(revision.prefix(7)))")
            }
        }
        for cluster in fixture.clusters {
            guard let member = members[cluster] else { continue }
            let works = try await hub.list(FleetKinds.manifestWork, namespace: cluster).items
            var perApp: [String: Int] = [:]
            var wanted: Set<String> = []
            for w in works {
                let app = w.string(at: "metadata", "labels", "kealm.io/application-name") ?? "(unlabelled \(w.string(at: "metadata", "name") ?? ""))"
                perApp[app, default: 0] += 1
                for m in w[path: ["spec", "workload", "manifests"]]?.items ?? [] {
                    wanted.insert(Self.key(m))
                }
            }
            for (app, n) in perApp where n != 1 || !fixture.applicationNames.contains(app) {
                out.append("\(cluster): \(n) ManifestWork(s) for \(app)")
            }
            var live: [String: YAMLNode] = [:]
            for gvk in [Self.configMap, Self.deployment, Self.namespace] {
                for o in try await member.list(gvk).items where o.string(at: "metadata", "annotations", Self.tracking) != nil {
                    live[Self.key(o, kind: gvk.kind)] = o
                }
            }
            let liveKeys = Set(live.keys)
            if liveKeys != wanted {
                out.append("\(cluster): orphaned \(liveKeys.subtracting(wanted).sorted()), missing \(wanted.subtracting(liveKeys).sorted())")
            }
            for (i, app) in fixture.appNames.enumerated() {
                for (object, rev) in fixture.expectedObjects(app: i, generation: generation) {
                    let parts = object.split(separator: "/")
                    let key = "\(parts[0])/crash-\(app)/\(parts[1])"
                    guard let o = live[key] else {
                        out.append("\(cluster): \(key) absent")
                        continue
                    }
                    if let rev, o.string(at: "data", "rev") != rev {
                        out.append("\(cluster): \(key) has rev \(o.string(at: "data", "rev") ?? "-"), want \(rev)")
                    }
                    if parts[0] == "Deployment", let g = o[path: ["metadata", "generation"]]?.intValue, g != 1 {
                        out.append("\(cluster): \(key) generation \(g): its spec was written more than once")
                    }
                }
                let extra = "ConfigMap/crash-\(app)/extra"
                if fixture.expectedObjects(app: i, generation: generation)["ConfigMap/extra"] == nil, live[extra] != nil {
                    out.append("\(cluster): \(extra) should have been pruned")
                }
            }
        }
        return out
    }

    static func key(_ o: YAMLNode, kind: String? = nil) -> String {
        "\(kind ?? o.string(at: "kind") ?? "")/\(o.string(at: "metadata", "namespace") ?? "")/\(o.string(at: "metadata", "name") ?? "")"
    }
}
