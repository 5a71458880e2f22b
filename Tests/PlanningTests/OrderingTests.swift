import KealmYAML
import Planning
import Testing

@Suite struct OrderingTests {
    @Test func phasesThenWavesThenKindsThenNames() throws {
        let plan = try SyncPlanner.plan([
            manifest("Deployment", "web", ns: "app"),
            manifest("Job", "smoke", ns: "app", annotations: ["argocd.argoproj.io/hook": "PostSync"]),
            manifest("Job", "migrate", ns: "app", annotations: ["argocd.argoproj.io/hook": "PreSync"]),
            manifest("ConfigMap", "b", ns: "app"),
            manifest("ConfigMap", "a", ns: "app"),
            manifest("Service", "web", ns: "app", annotations: ["argocd.argoproj.io/sync-wave": "-2"]),
            manifest("ServiceAccount", "web", ns: "app", annotations: ["argocd.argoproj.io/sync-wave": "5"]),
            manifest("Job", "cleanup", ns: "app", annotations: ["argocd.argoproj.io/hook": "SyncFail"]),
            manifest("Widget", "w", ns: "app", api: "example.com/v1"),
        ])
        #expect(plan.outline == "Job migrate | Service web | ConfigMap a, ConfigMap b, Deployment web, Widget w | ServiceAccount web | Job smoke")
        #expect(plan.steps.map(\.label) == ["PreSync wave 0", "wave -2", "wave 0", "wave 5", "PostSync wave 0"])
        #expect(plan.syncFailSteps.flatMap(\.tasks).map(\.key.name) == ["cleanup"])
        #expect(plan.steps.map(\.index) == [0, 1, 2, 3, 4])
    }

    @Test(arguments: [
        // (kinds in input order, expected order inside one wave)
        (["Deployment", "Service", "Secret", "Namespace"], ["Namespace", "Secret", "Service", "Deployment"]),
        (["APIService", "Ingress", "Job", "StatefulSet", "HorizontalPodAutoscaler"], ["StatefulSet", "HorizontalPodAutoscaler", "Job", "Ingress", "APIService"].sorted { KindOrder.rank($0) < KindOrder.rank($1) }),
        (["RoleBinding", "Role", "ClusterRoleBinding", "ClusterRole", "ServiceAccount"], ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"]),
        (["Gadget", "PersistentVolumeClaim", "StorageClass"], ["StorageClass", "PersistentVolumeClaim", "Gadget"]),
    ])
    func kindOrderInsideAWave(_ kinds: [String], _ expected: [String]) throws {
        let plan = try SyncPlanner.plan(kinds.map { manifest($0, "x", ns: $0 == "Namespace" ? nil : "x") })
        #expect(plan.tasks.map(\.key.kind) == expected)
    }

    @Test func nameBreaksTiesThenNamespace() throws {
        let plan = try SyncPlanner.plan([
            manifest("ConfigMap", "b", ns: "n1"), manifest("ConfigMap", "a", ns: "n2"), manifest("ConfigMap", "a", ns: "n1"),
        ])
        #expect(plan.tasks.map { "\($0.key.namespace)/\($0.key.name)" } == ["n1/a", "n2/a", "n1/b"])
    }

    @Test func namespaceMovesAheadOfObjectsInEarlierWaves() throws {
        let plan = try SyncPlanner.plan([
            manifest("Namespace", "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "3"]),
            manifest("ConfigMap", "cfg", ns: "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "-1"]),
            manifest("Job", "prep", ns: "kubevirt", annotations: ["argocd.argoproj.io/hook": "PreSync"]),
        ])
        #expect(plan.outline == "Namespace kubevirt, Job prep | ConfigMap cfg")
        let ns = try #require(plan.tasks.first)
        #expect(ns.phase == .preSync && ns.wave == 0 && ns.declaredWave == 3)
        #expect(ns.movedAheadFor?.name == "prep")
    }

    @Test func crdMovesAheadOfItsCustomResourcesEvenInsideOneWave() throws {
        let plan = try SyncPlanner.plan([
            manifest("KubeVirt", "kubevirt", ns: "kubevirt", annotations: ["argocd.argoproj.io/sync-wave": "1"]),
            crd(group: "kubevirt.io", kind: "KubeVirt", annotations: ["argocd.argoproj.io/sync-wave": "4"]),
            manifest("Widget", "a", ns: "x", api: "example.com/v1", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
            crd(group: "example.com", kind: "Widget", annotations: ["argocd.argoproj.io/sync-wave": "2"]),
        ])
        #expect(plan.outline == "CustomResourceDefinition kubevirts.kubevirt.io, KubeVirt kubevirt | CustomResourceDefinition widgets.example.com, Widget a")
        #expect(plan.tasks[0].wave == 1)
    }

    @Test func negativeAndSignedWaves() throws {
        let plan = try SyncPlanner.plan([
            manifest("ConfigMap", "a", ns: "n", annotations: ["argocd.argoproj.io/sync-wave": " +2 "]),
            manifest("ConfigMap", "b", ns: "n", annotations: ["argocd.argoproj.io/sync-wave": "-10"]),
            manifest("ConfigMap", "c", ns: "n"),
        ])
        #expect(plan.steps.map(\.wave) == [-10, 0, 2])
    }

    @Test(arguments: [
        (["argocd.argoproj.io/sync-wave": "one"], PlanningError.Code.invalidWave, "argocd.argoproj.io/sync-wave"),
        (["argocd.argoproj.io/sync-wave": "1.5"], .invalidWave, "argocd.argoproj.io/sync-wave"),
        (["argocd.argoproj.io/hook": "PreSnyc"], .invalidHook, "argocd.argoproj.io/hook"),
        (["argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "Always"], .invalidHook, "argocd.argoproj.io/hook-delete-policy"),
        (["argocd.argoproj.io/sync-options": "Prune=maybe"], .invalidSyncOption, "argocd.argoproj.io/sync-options"),
        (["argocd.argoproj.io/sync-options": "PruneLast"], .invalidSyncOption, "argocd.argoproj.io/sync-options"),
    ])
    func badAnnotationsNameTheObject(_ annotations: [String: String], _ code: PlanningError.Code, _ field: String) {
        #expect {
            _ = try SyncPlanner.plan([manifest("ConfigMap", "ok", ns: "n"), manifest("ConfigMap", "bad", ns: "demo", annotations: annotations)])
        } throws: { error in
            guard let e = error as? PlanningError else { return false }
            return e.code == code && e.object == "ConfigMap demo/bad" && e.field == field
        }
    }

    @Test func duplicatesAreRefused() {
        #expect(throws: PlanningError.self) {
            _ = try SyncPlanner.plan([manifest("ConfigMap", "a", ns: "n"), manifest("ConfigMap", "a", ns: "n")])
        }
    }

    @Test func hooksSkipHelmAndDeletePolicies() throws {
        let plan = try SyncPlanner.plan([
            manifest("Job", "both", ns: "n", annotations: ["argocd.argoproj.io/hook": "PreSync,PostSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded, BeforeHookCreation"]),
            manifest("ConfigMap", "skipped", ns: "n", annotations: ["argocd.argoproj.io/hook": "Skip"]),
            manifest("Job", "helm", ns: "n", annotations: ["helm.sh/hook": "pre-install", "helm.sh/hook-weight": "-5", "helm.sh/hook-delete-policy": "hook-succeeded"]),
            manifest("ConfigMap", "plain", ns: "n"),
        ])
        #expect(plan.outline == "Job helm | Job both | ConfigMap plain | Job both")
        #expect(plan.steps[0].wave == -5)
        #expect(plan.tasks[0].hook.deletePolicies == [.hookSucceeded])
        #expect(plan.tasks[1].hook.deletePolicies == [.hookSucceeded, .beforeHookCreation])
        #expect(plan.skipped.map(\.name) == ["skipped"])
        #expect(plan.desiredKeys.map(\.name) == ["plain"])
        let plain = try HookSpec(annotations: ["argocd.argoproj.io/hook": "PostSync"], object: "x")
        #expect(plain.deletePolicies == [.beforeHookCreation])
    }

    @Test func destinationNamespaceAndCreateNamespace() throws {
        let plan = try SyncPlanner.plan([
            manifest("Deployment", "web", annotations: ["argocd.argoproj.io/sync-wave": "1"]),
            manifest("ClusterRole", "reader"),
            manifest("Widget", "w", api: "example.com/v1"),
            crd(group: "example.com", kind: "Gizmo").withScope("Cluster"),
            manifest("Gizmo", "g", api: "example.com/v1"),
        ], options: PlanOptions(destinationNamespace: "demo", syncOptions: try SyncOptions(list: ["CreateNamespace=true"])))
        let byName = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.key.name, $0) })
        #expect(byName["web"]?.key.namespace == "demo")
        #expect(byName["web"]?.object.string(at: "metadata", "namespace") == "demo")
        #expect(byName["reader"]?.key.namespace == "")
        #expect(byName["w"]?.key.namespace == "demo")
        #expect(byName["g"]?.key.namespace == "")
        let ns = try #require(byName["demo"])
        #expect(ns.synthesized && ns.key.kind == "Namespace" && ns.options.prune == .no)
        #expect(plan.tasks.first?.key.name == "demo")
    }
}

extension YAMLNode {
    func withScope(_ scope: String) -> YAMLNode {
        var copy = self
        copy[path: ["spec", "scope"]] = .string(scope)
        return copy
    }
}

@Suite struct RecordedWaveTests {
    @Test func recordedWavesWinOverDeclaredOnesOnlyWhenAsked() throws {
        let ns = manifest("Namespace", "n", annotations: ["argocd.argoproj.io/sync-wave": "3", "kealm.io/sync-wave": "-1", "kealm.io/sync-phase": "PreSync"])
        let cm = manifest("ConfigMap", "c", ns: "n", annotations: ["kealm.io/sync-wave": "0"])
        let fromWork = try SyncPlanner.plan([ns, cm], options: PlanOptions(useRecordedWaves: true))
        #expect(fromWork.steps.map(\.label) == ["PreSync wave -1", "wave 0"])
        let fromGit = try SyncPlanner.plan([ns, cm])
        #expect(fromGit.steps.map(\.label) == ["wave 0"])
        #expect(fromGit.tasks.map(\.key.kind) == ["Namespace", "ConfigMap"])
    }
}
