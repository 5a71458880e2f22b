import KealmYAML
import Planning
import Testing

@Suite struct PackingTests {
    let context = WorkContext(application: "guestbook", applicationNamespace: "argocd", cluster: "cluster1", revision: "abc123")

    func names(_ work: YAMLNode) -> [String] {
        (work[path: ["spec", "workload", "manifests"]]?.items ?? []).compactMap { $0.string(at: "metadata", "name") }
    }

    @Test func manifestsGrowStepByStep() throws {
        let plan = try SyncPlanner.plan([
            manifest("Namespace", "demo", annotations: ["argocd.argoproj.io/sync-wave": "-1"]),
            manifest("ConfigMap", "cfg", ns: "demo"),
            manifest("Deployment", "web", ns: "demo", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
        ])
        let prune = PrunePlan.plan(inventory: [
            InventoryEntry(key: ResourceKey(group: "", kind: "ConfigMap", namespace: "demo", name: "old"), wave: 1,
                manifest: manifest("ConfigMap", "old", ns: "demo")),
            InventoryEntry(key: ResourceKey(group: "", kind: "Secret", namespace: "demo", name: "last"), options: try SyncOptions(parsing: "PruneLast=true"),
                manifest: manifest("Secret", "last", ns: "demo")),
        ], desired: plan)
        func at(_ step: Int) throws -> [String] {
            let works = try ManifestWorkPacker.works(plan: plan, prune: prune, progress: .init(step: step), context: context)
            #expect(works.count == 1)
            return names(works[0])
        }
        #expect(try at(0) == ["demo", "old", "last"])
        #expect(try at(1) == ["demo", "cfg", "old", "last"])
        #expect(try at(2) == ["demo", "cfg", "web", "last"])
        #expect(try at(3) == ["demo", "cfg", "web"])
    }

    @Test func workFollowsTheUpstreamSchema() throws {
        let plan = try SyncPlanner.plan([
            manifest("Deployment", "web", ns: "demo", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
            manifest("Secret", "keep", ns: "demo", annotations: ["argocd.argoproj.io/sync-options": "Delete=false,Replace=true"]),
            manifest("Ingress", "web", ns: "demo", api: "networking.k8s.io/v1"),
        ])
        let work = try #require(try ManifestWorkPacker.works(plan: plan, prune: PrunePlan(items: []), progress: .init(step: 1), context: context).first)
        #expect(work.string(at: "apiVersion") == "work.open-cluster-management.io/v1")
        #expect(work.string(at: "kind") == "ManifestWork")
        #expect(work.string(at: "metadata", "name") == "guestbook" && work.string(at: "metadata", "namespace") == "cluster1")
        #expect(work.annotations["kealm.io/application"] == "argocd/guestbook")
        #expect(work.annotations["kealm.io/sync-step"] == "1" && work.annotations["kealm.io/sync-steps"] == "2")
        #expect(work.labels["kealm.io/application-name"] == "guestbook")
        let first = try #require(work[path: ["spec", "workload", "manifests"]]?.items?.first)
        #expect(first.annotations["kealm.io/tracking-id"] == "argocd_guestbook:/Secret:demo/keep")
        #expect(first.annotations["kealm.io/sync-wave"] == "0" && first.annotations["kealm.io/sync-phase"] == "Sync")
        let configs = try #require(work[path: ["spec", "manifestConfigs"]]?.items)
        #expect(JSON.encode(configs[0]) == #"{"resourceIdentifier":{"group":"","resource":"secrets","namespace":"demo","name":"keep"},"updateStrategy":{"type":"Update"}}"#)
        #expect(JSON.encode(configs[1]) == #"{"resourceIdentifier":{"group":"networking.k8s.io","resource":"ingresses","namespace":"demo","name":"web"},"updateStrategy":{"type":"ServerSideApply","serverSideApply":{"fieldManager":"kealm","force":true}}}"#)
        #expect(JSON.encode(work[path: ["spec", "deleteOption"]]!) == #"{"propagationPolicy":"SelectivelyOrphan","selectivelyOrphans":{"orphaningRules":[{"group":"","resource":"secrets","namespace":"demo","name":"keep"}]}}"#)
    }

    @Test func splitsOver500KiBAndKeepsAssignmentStable() throws {
        let blob = String(repeating: "x", count: 100 * 1024)
        var manifests: [YAMLNode] = []
        for i in 0..<12 {
            manifests.append(manifest("ConfigMap", "blob-\(i)", ns: "demo", annotations: ["argocd.argoproj.io/sync-wave": "\(i % 3)"],
                extra: "data:\n  payload: \(blob)\n"))
        }
        let plan = try SyncPlanner.plan(manifests)
        let full = try ManifestWorkPacker.works(plan: plan, prune: PrunePlan(items: []), progress: .init(step: 2), context: context)
        #expect(full.map { $0.string(at: "metadata", "name")! } == ["guestbook", "guestbook-2", "guestbook-3"])
        for w in full { #expect(JSON.encode(w).utf8.count <= 500 * 1024) }
        #expect(full.map { names($0).count } == [4, 4, 4])
        #expect(full[1].annotations["kealm.io/part"] == "2/3")
        // At step 0 each work holds only its wave-0 manifests, under the same names.
        let early = try ManifestWorkPacker.works(plan: plan, prune: PrunePlan(items: []), progress: .init(step: 0), context: context)
        let fullByName = Dictionary(uniqueKeysWithValues: full.map { ($0.string(at: "metadata", "name")!, Set(names($0))) })
        for e in early { #expect(Set(names(e)).isSubset(of: fullByName[e.string(at: "metadata", "name")!]!)) }
        #expect(early.flatMap(names).sorted() == ["blob-0", "blob-3", "blob-6", "blob-9"])
        #expect(early.allSatisfy { !names($0).isEmpty })
    }

    @Test func oneManifestOverTheLimitIsAnError() throws {
        let plan = try SyncPlanner.plan([manifest("ConfigMap", "huge", ns: "demo", extra: "data:\n  p: \(String(repeating: "y", count: 600 * 1024))\n")])
        #expect {
            _ = try ManifestWorkPacker.works(plan: plan, prune: PrunePlan(items: []), progress: .init(step: 0), context: context)
        } throws: { ($0 as? PlanningError)?.code == .tooLarge && ($0 as? PlanningError)?.object == "ConfigMap demo/huge" }
    }

    @Test func hooksSyncFailAndFinishedHooks() throws {
        let plan = try SyncPlanner.plan([
            manifest("Job", "pre", ns: "n", annotations: ["argocd.argoproj.io/hook": "PreSync,PostSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded"]),
            manifest("Job", "onfail", ns: "n", annotations: ["argocd.argoproj.io/hook": "SyncFail"]),
            manifest("ConfigMap", "c", ns: "n"),
        ])
        let all = try ManifestWorkPacker.manifests(plan: plan, prune: PrunePlan(items: []), progress: .init(step: 2), context: context)
        #expect(all.compactMap { $0.string(at: "metadata", "name") } == ["pre", "c"])
        let failed = try ManifestWorkPacker.manifests(plan: plan, prune: PrunePlan(items: []),
            progress: .init(step: 1, syncFailed: true, finishedHooks: [plan.tasks[0].id]), context: context)
        #expect(failed.compactMap { $0.string(at: "metadata", "name") } == ["c", "onfail"])
    }

    @Test(arguments: [("Ingress", "ingresses"), ("NetworkPolicy", "networkpolicies"), ("Endpoints", "endpoints"), ("KubeVirt", "kubevirts"),
        ("VirtualMachine", "virtualmachines"), ("Gateway", "gateways"), ("StorageClass", "storageclasses")])
    func resourceNames(_ kind: String, _ resource: String) {
        #expect(ResourceNamer().resource(for: .init(group: "x", kind: kind)) == resource)
    }
}
