import KealmModel
import KealmYAML
import Testing
@testable import Generation

@Suite struct PlanTests {
    static func appSet(policy: String = "sync", preserve: Bool = false, allowEmpty: Bool = false) throws -> ApplicationSetSpec {
        try Fix.appSet("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s, namespace: argocd\(allowEmpty ? ", annotations: {kealm.io/allow-empty: \"true\"}" : "")}
            spec:
              generators: [{list: {elements: [{n: a}, {n: b}]}}]
              syncPolicy: {applicationsSync: \(policy), preserveResourcesOnDeletion: \(preserve)}
              template:
                metadata: {name: "{{n}}", finalizers: [resources-finalizer.argocd.argoproj.io]}
                spec: {project: new}
            """)
    }

    static func existing(_ name: String, project: String = "old", owner: String = "s") -> YAMLNode {
        var app = try! YAMLParser.parse("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: \(name)
              namespace: argocd
              finalizers: [resources-finalizer.argocd.argoproj.io]
              annotations: {argocd.argoproj.io/refresh: hard}
              ownerReferences: [{apiVersion: argoproj.io/v1alpha1, kind: ApplicationSet, name: \(owner), controller: true, blockOwnerDeletion: true}]
            spec: {project: \(project)}
            status: {sync: {status: Synced}}
            """)
        app[path: ["metadata", "ownerReferences"]] = app[path: ["metadata", "ownerReferences"]]
        return app
    }

    /// policy → (creates, updates, deletes) with desired {a, b} and existing {b (stale), c (orphan)}.
    @Test(arguments: [
        ("sync", ["a"], ["b"], ["c"]),
        ("create-only", ["a"], [], []),
        ("create-update", ["a"], ["b"], []),
        ("create-delete", ["a"], [], ["c"]),
    ])
    func applicationsSync(policy: String, creates: [String], updates: [String], deletes: [String]) throws {
        let set = try Self.appSet(policy: policy)
        let desired = try ApplicationGenerator.generate(set, inputs: GenerationInputs())
        let plan = ApplicationSetPlanner.plan(set, generated: .success(desired), existing: [Self.existing("b"), Self.existing("c")])
        #expect(Fix.names(plan.creates) == creates)
        #expect(Fix.names(plan.updates) == updates)
        #expect(plan.deletes.map(\.name) == deletes)
        #expect(plan.status.condition("ResourcesUpToDate")?.status == "True")
        if let u = plan.updates.first {
            #expect(u.string(at: "spec", "project") == "new")
            #expect(u.string(at: "status", "sync", "status") == "Synced")
            #expect(u.string(at: "metadata", "annotations", "argocd.argoproj.io/refresh") == "hard")
        }
    }

    @Test func preserveResourcesOnDeletionRemovesFinalizerFirst() throws {
        for preserve in [false, true] {
            let set = try Self.appSet(preserve: preserve, allowEmpty: true)
            let plan = ApplicationSetPlanner.plan(set, generated: .success([]), existing: [Self.existing("c")])
            #expect(plan.deletes == [.init(name: "c", namespace: "argocd", removeFinalizerFirst: preserve)])
        }
    }

    /// argo-cd #18480: a generator error must never delete Applications.
    @Test func generatorErrorKeepsEverything() throws {
        let set = try Self.appSet()
        let err = GenerationError(.unavailable, "no clusterDecisionResources found", object: set.displayName)
        let plan = ApplicationSetPlanner.plan(set, generated: .failure(err), existing: [Self.existing("a"), Self.existing("c")])
        #expect(plan.isEmpty)
        #expect(plan.status.condition("ErrorOccurred")?.status == "True")
        #expect(plan.status.condition("ErrorOccurred")?.reason == "ApplicationGenerationFromParamsError")
        #expect(plan.status.condition("ParametersGenerated")?.status == "False")
        #expect(plan.status.condition("ResourcesUpToDate")?.status == "False")
        #expect(plan.status.applications == ["a", "c"])
    }

    /// An empty generator result deletes the owned Applications only when the set allows it
    /// (`kealm.io/allow-empty: "true"`); otherwise they are kept and the status names the setting.
    @Test(arguments: [(false, [String]()), (true, ["a"])])
    func emptyResultDeletesOnlyWhenAllowed(allowEmpty: Bool, deletes: [String]) throws {
        let set = try Self.appSet(allowEmpty: allowEmpty)
        let plan = ApplicationSetPlanner.plan(set, generated: .success([]), existing: [Self.existing("a")])
        #expect(plan.deletes.map(\.name) == deletes)
        let error = plan.status.condition("ErrorOccurred")
        #expect(error?.status == (allowEmpty ? "False" : "True"))
        if !allowEmpty {
            #expect(error?.reason == "EmptyGenerationHeld")
            #expect(error?.message.contains("kealm.io/allow-empty") == true)
            #expect(plan.status.condition("ResourcesUpToDate")?.status == "False")
            #expect(plan.status.applications == ["a"])
        }
    }

    /// A drop that leaves some Applications is an ordinary change: the others go.
    @Test func partialDropDeletes() throws {
        let set = try Self.appSet()
        let desired = try ApplicationGenerator.generate(set, inputs: GenerationInputs())
        let plan = ApplicationSetPlanner.plan(set, generated: .success(desired), existing: [Self.existing("a"), Self.existing("c")])
        #expect(plan.deletes.map(\.name) == ["c"])
    }

    @Test func foreignApplicationIsAConflictNotAnUpdate() throws {
        let set = try Self.appSet()
        let desired = try ApplicationGenerator.generate(set, inputs: GenerationInputs())
        let plan = ApplicationSetPlanner.plan(set, generated: .success(desired), existing: [Self.existing("a", owner: "other")])
        #expect(plan.updates.isEmpty && plan.deletes.isEmpty)
        #expect(plan.conflicts.map(\.name) == ["a"])
        #expect(plan.status.condition("ErrorOccurred")?.status == "True")
    }

    @Test func unchangedWhenEqual() throws {
        let set = try Self.appSet()
        let desired = try ApplicationGenerator.generate(set, inputs: GenerationInputs())
        let first = ApplicationSetPlanner.plan(set, generated: .success(desired), existing: [])
        let second = ApplicationSetPlanner.plan(set, generated: .success(desired), existing: first.creates)
        #expect(second.isEmpty && second.unchanged == ["a", "b"])
    }
}

@Suite struct ReconcilerTests {
    @Test func reconcileFromHubObjects() throws {
        let objects = try YAMLParser.parseStream("""
            apiVersion: v1
            kind: Secret
            metadata: {name: c1, namespace: argocd, labels: {argocd.argoproj.io/secret-type: cluster, env: dev}}
            stringData: {name: c1, server: "https://c1"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: elsewhere, namespace: other, labels: {argocd.argoproj.io/secret-type: cluster}}
            stringData: {name: c2, server: "https://c2"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: broken, namespace: argocd, labels: {argocd.argoproj.io/secret-type: cluster}}
            stringData: {name: c3}
            """)
        let (inputs, errors) = GenerationInputs.from(objects: objects, controllerNamespace: "argocd")
        #expect(inputs.clusterSecrets.map(\.name) == ["c1"])
        #expect(errors.count == 1 && errors[0].field == "data.server")
        let set = try Fix.appSet("""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: s, namespace: argocd}
            spec:
              generators: [{clusters: {selector: {matchLabels: {env: dev}}}}]
              template: {metadata: {name: "{{name}}-app"}, spec: {source: {path: "envs/{{metadata.labels.env}}"}}}
            """)
        let plan = ApplicationSetReconciler.reconcile(set, inputs: inputs, existing: [PlanTests.existing("gone")])
        #expect(Fix.names(plan.creates) == ["c1-app"])
        #expect(plan.deletes.map(\.name) == ["gone"])
        #expect(plan.status.applications == ["c1-app"])
    }

    @Test func deletionOfTheSetHonoursPreserve() throws {
        let keep = ApplicationSetReconciler.deletion(try PlanTests.appSet(preserve: true), existing: [PlanTests.existing("a"), PlanTests.existing("x", owner: "other")])
        #expect(keep == [.init(name: "a", namespace: "argocd", removeFinalizerFirst: true)])
        let cascade = ApplicationSetReconciler.deletion(try PlanTests.appSet(preserve: false), existing: [PlanTests.existing("a")])
        #expect(cascade.map(\.removeFinalizerFirst) == [false])
    }
}
