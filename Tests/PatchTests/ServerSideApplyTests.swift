import KealmModel
import KealmYAML
import Patch
import Testing

@Suite("ServerSideApply")
struct ServerSideApplyTests {
    let gvk = GVK(group: "apps", version: "v1", kind: "Deployment")
    let t0 = "2026-01-01T00:00:00Z"
    let t1 = "2026-01-01T00:01:00Z"

    let web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx
                ports: [{containerPort: 80}]
        """

    func apply(_ config: String, _ live: YAMLNode?, _ manager: String, force: Bool = false, time: String? = nil) throws -> ServerSideApply.Result {
        try ServerSideApply.apply(
            config: yaml(config), to: live, manager: manager, force: force, schema: .builtin, gvk: gvk, time: time ?? t0)
    }

    @Test func createRecordsAppliedFieldsAsKubernetesWritesThem() throws {
        let r = try apply(web, nil, "kubectl")
        #expect(r.managedFields.count == 1)
        let e = r.managedFields[0]
        #expect(e.manager == "kubectl" && e.operation == .apply && e.apiVersion == "apps/v1" && e.time == t0)
        #expect(
            e.fields.fieldsV1JSON
                == #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}"#
        )
        #expect(r.object.string(at: "spec", "template", "spec") == nil)
        #expect(r.object[path: ["spec", "replicas"]]?.intValue == 2)
        #expect(r.object[path: ["metadata", "managedFields"]]?.items?.count == 1)
    }

    @Test func reapplyWithoutAFieldRemovesIt() throws {
        let first = try apply(web, nil, "kubectl")
        let second = try apply(web.replacingOccurrences(of: "  replicas: 2\n", with: ""), first.object, "kubectl", time: t1)
        #expect(second.object[path: ["spec", "replicas"]] == nil)
        #expect(second.managedFields.count == 1)
        #expect(second.managedFields[0].time == t1)
    }

    @Test func removedListItemIsPruned() throws {
        let two = web.replacingOccurrences(of: "ports: [{containerPort: 80}]", with: "ports: [{containerPort: 80}]\n      - {name: side, image: busybox}")
        let first = try apply(two, nil, "kubectl")
        #expect(first.object[path: ["spec", "template", "spec", "containers"]]?.items?.count == 2)
        let second = try apply(web, first.object, "kubectl")
        let names = second.object[path: ["spec", "template", "spec", "containers"]]?.items?.compactMap { $0.string(at: "name") }
        #expect(names == ["web"])
    }

    @Test func droppedItemKeepsOnlyWhatOthersOwn() throws {
        let two = web.replacingOccurrences(
            of: "ports: [{containerPort: 80}]", with: "ports: [{containerPort: 80}]\n      - {name: side, image: busybox, args: [x]}")
        let first = try apply(two, nil, "kubectl")
        var edited = first.object
        edited[path: ["spec", "template", "spec", "containers"]] = yaml(
            "[{name: web, image: nginx, ports: [{containerPort: 80}]}, {name: side, image: 'busybox:2', args: [x]}]")
        let updated = try ServerSideApply.recordUpdate(old: first.object, new: edited, manager: "editor", schema: .builtin, gvk: gvk, time: t1)
        let second = try apply(web, updated.object, "kubectl")
        let side = second.object[path: ["spec", "template", "spec", "containers"]]?.items?.first { $0.string(at: "name") == "side" }
        #expect(side.map(canon) == canon(yaml("{name: side, image: 'busybox:2'}")))
    }

    @Test func conflictWithAnotherManagerUnlessForced() throws {
        let created = try apply(web, nil, "kubectl")
        // Someone scales with a plain update.
        var scaled = created.object
        scaled[path: ["spec", "replicas"]] = .int(5)
        let updated = try ServerSideApply.recordUpdate(
            old: created.object, new: scaled, manager: "kube-controller-manager", schema: .builtin, gvk: gvk, time: t1)
        #expect(updated.managedFields.map(\.manager) == ["kubectl", "kube-controller-manager"])
        #expect(updated.managedFields[1].fields.fieldsV1JSON == #"{"f:spec":{"f:replicas":{}}}"#)
        // kubectl no longer owns replicas.
        #expect(!updated.managedFields[0].fields.contains(FieldPath([.field("spec"), .field("replicas")])))

        let changed = web.replacingOccurrences(of: "replicas: 2", with: "replicas: 3")
        #expect(throws: ApplyConflict.self) { try apply(changed, updated.object, "kubectl") }
        do {
            _ = try apply(changed, updated.object, "kubectl")
        } catch let c as ApplyConflict {
            #expect(c.conflicts.map(\.manager) == ["kube-controller-manager"])
            #expect(c.conflicts.map(\.path) == [FieldPath([.field("spec"), .field("replicas")])])
            #expect(c.kubernetesMessage == #"Apply failed with 1 conflict: conflict with "kube-controller-manager" using apps/v1: .spec.replicas"#)
            #expect(c.causes.map(\.field) == [".spec.replicas"])
        }
        let forced = try apply(changed, updated.object, "kubectl", force: true)
        #expect(forced.object[path: ["spec", "replicas"]]?.intValue == 3)
        #expect(forced.managedFields.map(\.manager) == ["kubectl"])
    }

    @Test func severalConflictsAreGroupedByOwner() {
        let r = FieldPath([.field("spec"), .field("replicas")])
        let p = FieldPath([.field("spec"), .field("paused")])
        let c = ApplyConflict(conflicts: [
            .init(manager: "b", path: r, operation: .apply), .init(manager: "a", path: p, operation: .update, apiVersion: "apps/v1"),
            .init(manager: "a", path: r, operation: .update, apiVersion: "apps/v1"),
        ])
        #expect(c.kubernetesMessage == """
            Apply failed with 3 conflicts: conflicts with "a" using apps/v1:
            - .spec.paused
            - .spec.replicas
            conflicts with "b":
            - .spec.replicas
            """)
    }

    @Test func defaultedKeyMatchesAnItemThatSpellsItOut() throws {
        // The live object was defaulted by a server (protocol: TCP); the configuration leaves it out.
        let live = try apply(web.replacingOccurrences(of: "{containerPort: 80}", with: "{containerPort: 80, protocol: TCP}"), nil, "kubectl")
        let again = try apply(web, live.object, "kubectl")
        let ports = again.object[path: ["spec", "template", "spec", "containers"]]?.items?.first?["ports"]?.items
        #expect(ports?.count == 1)
        // Dropping the port removes the item even though the key's protocol is only a default.
        let none = try apply(web.replacingOccurrences(of: "\n        ports: [{containerPort: 80}]", with: ""), live.object, "kubectl")
        #expect(none.object[path: ["spec", "template", "spec", "containers"]]?.items?.first?["ports"] == nil)
    }

    @Test func sameValueIsSharedNotAConflict() throws {
        let a = try apply("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {replicas: 2}}", nil, "a")
        let b = try apply("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {replicas: 2}}", a.object, "b")
        #expect(b.managedFields.map(\.manager) == ["a", "b"])
        // a stops applying replicas: b still owns it, so it stays.
        let a2 = try apply("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {paused: true}}", b.object, "a")
        #expect(a2.object[path: ["spec", "replicas"]]?.intValue == 2)
        #expect(a2.object[path: ["spec", "paused"]]?.boolValue == true)
    }

    @Test func firstApplyOverUnmanagedObjectAssignsBeforeFirstApply() throws {
        let live = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {replicas: 1}}")
        #expect(throws: ApplyConflict.self) {
            try apply("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {replicas: 4}}", live, "kealm")
        }
        let ok = try apply("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w}, spec: {paused: true}}", live, "kealm")
        #expect(ok.managedFields.map(\.manager) == ["before-first-apply", "kealm"])
    }

    @Test func mergesListsByKeyKeepingOrder() throws {
        let live = try apply(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: w, finalizers: [a, b]}
            spec: {template: {spec: {containers: [{name: x, image: x}, {name: y, image: y}]}}}
            """, nil, "one")
        let r = try apply(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: w, finalizers: [c]}
            spec: {template: {spec: {containers: [{name: z, image: z}, {name: y, image: y}]}}}
            """, live.object, "two")
        let names = r.object[path: ["spec", "template", "spec", "containers"]]?.items?.compactMap { $0.string(at: "name") }
        #expect(names == ["x", "z", "y"])
        #expect(r.object[path: ["metadata", "finalizers"]]?.items?.compactMap(\.string) == ["a", "b", "c"])
        #expect(r.managedFields[1].fields.contains(FieldPath([.field("metadata"), .field("finalizers"), .value(#""c""#)])))
    }

    @Test func recordUpdateOnCreateOwnsEverything() throws {
        let r = try ServerSideApply.recordUpdate(
            old: nil, new: yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: {a: '1'}}, data: {k: v}}"),
            manager: "kubectl-create", schema: .builtin, gvk: GVK(group: "", version: "v1", kind: "ConfigMap"), time: t0)
        #expect(r.managedFields.count == 1)
        #expect(r.managedFields[0].operation == .update)
        #expect(r.managedFields[0].fields.fieldsV1JSON == #"{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:a":{}}}}"#)
    }

    @Test func fieldsV1RoundTrip() throws {
        let text = #"{"f:metadata":{"f:finalizers":{".":{},"v:\"x\"":{}},"f:labels":{".":{},"f:a":{}}},"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}}}}"#
        let set = try FieldSet(fieldsV1JSON: text)
        #expect(set.paths.count == 6)
        #expect(set.fieldsV1JSON == text)
        #expect(set.contains(FieldPath([.field("spec"), .field("ports"), .key(#"{"port":80,"protocol":"TCP"}"#)])))
        #expect(FieldPath([.field("spec"), .field("ports"), .key(#"{"port":80,"protocol":"TCP"}"#), .field("port")]).description
            == #".spec.ports[port=80,protocol="TCP"].port"#)
    }

    @Test func managedFieldsCodec() throws {
        let obj = try apply(web, nil, "kubectl").object
        let entries = try ManagedFieldsEntry.entries(of: obj)
        #expect(entries.count == 1)
        #expect(entries[0].node[ "fieldsType"]?.string == "FieldsV1")
        #expect(throws: PatchError.self) {
            try ManagedFieldsEntry.entries(of: yaml("{metadata: {managedFields: [{manager: x}]}}"))
        }
        #expect(throws: PatchError.self) { try apply("{metadata: {managedFields: []}}", nil, "x") }
    }
}

@Suite("ServerSideApply drift")
struct ServerSideApplyDriftTests {
    let gvk = GVK(group: "apps", version: "v1", kind: "Deployment")
    let desired = yaml(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          template:
            spec:
              containers:
              - {name: web, image: nginx}
        """)

    func drift(_ live: String) throws -> FieldDiff {
        let applied = try ServerSideApply.apply(config: desired, to: nil, manager: "kealm", force: false, schema: .builtin, gvk: gvk, time: "t")
        var l = applied.object
        let edits = yaml(live)
        l = try StrategicMerge.apply(patch: edits, to: l, schema: .builtin, gvk: gvk, mode: .apiServer)
        return try ServerSideApply.changes(config: desired, live: l, manager: "kealm", schema: .builtin, gvk: gvk)
    }

    @Test func defaultedFieldsAreNotDrift() throws {
        let d = try drift(
            """
            spec:
              progressDeadlineSeconds: 600
              template:
                spec:
                  dnsPolicy: ClusterFirst
                  containers: [{name: web, imagePullPolicy: Always, terminationMessagePath: /dev/termination-log}]
            status: {replicas: 2}
            """)
        #expect(d.isEmpty)
    }

    @Test func changedManagedFieldIsDrift() throws {
        let d = try drift("{spec: {replicas: 5}}")
        #expect(d.changed == FieldSet([FieldPath([.field("spec"), .field("replicas")])]))
    }

    @Test func deletedManagedItemIsDrift() throws {
        let d = try drift("{spec: {template: {spec: {containers: [{name: web, $patch: delete}]}}}}")
        #expect(d.changed.contains(FieldPath([.field("spec"), .field("template"), .field("spec"), .field("containers"), .key(#"{"name":"web"}"#)])))
    }
}

@Suite("ServerSideApply scopes")
struct ServerSideApplyScopeTests {
    let gvk = GVK(group: "apps", version: "v1", kind: "Deployment")

    @Test func mainResourceIgnoresStatusAndStatusSubresourceOnlyStatus() throws {
        let config = yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: w, labels: {a: '1'}}, spec: {replicas: 1}, status: {replicas: 9}}")
        let main = try ServerSideApply.apply(
            config: config, to: nil, manager: "m", force: false, schema: .builtin, gvk: gvk, time: "t", scope: .mainResource)
        #expect(main.object["status"] == nil)
        let status = try ServerSideApply.apply(
            config: config, to: main.object, manager: "s", force: false, schema: .builtin, gvk: gvk, time: "t",
            subresource: "status", scope: .statusSubresource)
        #expect(status.object[path: ["status", "replicas"]]?.intValue == 9)
        #expect(status.object[path: ["spec", "replicas"]]?.intValue == 1)
        #expect(status.managedFields.map(\.subresource) == [nil, "status"])
        #expect(status.managedFields[1].fields.fieldsV1JSON == #"{"f:status":{"f:replicas":{}}}"#)
    }
}

@Suite("JSON pointers as field paths")
struct PointerFieldPathTests {
    let deployment = yaml(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: w, finalizers: [a, b]}
        spec:
          selector: {matchLabels: {app: w}}
          template:
            spec:
              tolerations: [{key: x}]
              containers:
              - {name: app, image: 'app:1', env: [{name: A, value: '1'}]}
        """)

    func path(_ p: String) -> String? {
        ObjectFields.fieldPath(for: JSONPointer(p)!, in: deployment, schema: .builtin)?.description
    }

    @Test func pointers() {
        #expect(path("/spec/template/spec/containers/0/image") == #".spec.template.spec.containers[name="app"].image"#)
        #expect(path("/spec/template/spec/containers/0/env/0/value") == #".spec.template.spec.containers[name="app"].env[name="A"].value"#)
        #expect(path("/metadata/finalizers/1") == #".metadata.finalizers[="b"]"#)
        #expect(path("/spec/template/spec/tolerations/0/key") == ".spec.template.spec.tolerations")
        #expect(path("/spec/selector/matchLabels/app") == ".spec.selector")
        #expect(path("/spec/replicas") == nil)
    }

    @Test func ignoringAPointerDropsItsFieldsFromADiff() throws {
        var live = deployment
        live[path: ["spec", "template", "spec", "containers"]] = yaml("[{name: app, image: 'app:2', env: [{name: A, value: '1'}]}]")
        let diff = FieldDiff(old: ObjectFields(of: live, schema: .builtin), new: ObjectFields(of: deployment, schema: .builtin))
        let ignored = ObjectFields.fieldPath(for: JSONPointer("/spec/template/spec/containers/0/image")!, in: deployment, schema: .builtin)!
        #expect(diff.changed.members(atOrBelow: [ignored]) == diff.changed)
        #expect(diff.changed.subtracting(diff.changed.members(atOrBelow: [ignored])).isEmpty)
    }
}
