import Foundation
import KealmYAML
import Planning
import Reconcile
import Testing

/// The status the agent writes: OCM's shape, Kealm's health condition, feedback, stable times.
@Suite struct WorkStatusTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func statusFollowsOCMsShape() throws {
        let spec = """
            manifestConfigs:
              - resourceIdentifier: {group: apps, resource: deployments, namespace: shop, name: operator}
                feedbackRules:
                  - {type: WellKnownStatus}
                  - type: JSONPaths
                    jsonPaths: [{name: available, path: '.status.conditions[?(@.type=="Available")].status'}, {name: image, path: '.spec.template.spec.containers[0].image'}]
            """
        let manifests = """
            - {apiVersion: v1, kind: Namespace, metadata: {name: shop}}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: operator, namespace: shop}
              spec: {replicas: 2, selector: {matchLabels: {app: o}}, template: {metadata: {labels: {app: o}}, spec: {containers: [{name: o, image: "op:1"}]}}}
            """
        let work = AgentFixtures.parsed(AgentFixtures.work(manifests, generation: 3, spec: spec))
        var live: [ResourceKey: YAMLNode] = [:]
        for m in work.manifests { live[ResourceKey(object: m)!] = Simulated.healthy(m) }
        let p = WorkAgent.pass(AgentInput(work: work, live: live, now: t0), state: WorkAgentState(), settings: AgentSettings())
        let status = try #require(p.status)
        let types = status["conditions"]?.items?.compactMap { $0.string(at: "type") }
        #expect(types == ["Applied", "Available", "Progressing", "Degraded", "kealm.io/WaveProgress"])
        for c in status["conditions"]?.items ?? [] {
            #expect(c["observedGeneration"]?.intValue == 3)
            #expect(c.string(at: "lastTransitionTime") == "2027-01-15T08:00:00Z")
        }
        let entries = try #require(status[path: ["resourceStatus", "manifests"]]?.items)
        #expect(entries.count == 2)
        let meta = try #require(entries[1]["resourceMeta"])
        #expect(meta.string(at: "group") == "apps")
        #expect(meta.string(at: "version") == "v1")
        #expect(meta.string(at: "kind") == "Deployment")
        #expect(meta.string(at: "resource") == "deployments")
        #expect(meta.string(at: "namespace") == "shop")
        #expect(meta.string(at: "name") == "operator")
        #expect(meta["ordinal"]?.intValue == 1)
        let conds = entries[1]["conditions"]?.items ?? []
        #expect(conds.map { $0.string(at: "type") ?? "" } == ["Applied", "Available", ManifestWorkStatus.healthCondition])
        #expect(conds[2].string(at: "reason") == "Healthy")
        let values = entries[1][path: ["statusFeedbacks", "values"]]?.items ?? []
        let byName = Dictionary(uniqueKeysWithValues: values.map { ($0.string(at: "name") ?? "", $0["fieldValue"] ?? .null) })
        #expect(byName["ReadyReplicas"]?[ "integer"]?.intValue == 2)
        #expect(byName["ReadyReplicas"]?.string(at: "type") == "Integer")
        #expect(byName["available"]?.string(at: "string") == "True")
        #expect(byName["image"]?.string(at: "string") == "op:1")
        #expect(entries[0]["statusFeedbacks"] == nil)
        // The controller reads the same status back through Planning's contract.
        var object = AgentFixtures.work(manifests, generation: 3, spec: spec)
        object["status"] = status
        let obs = ManifestWorkStatus.observations(object)
        #expect(obs[ResourceKey(group: "apps", kind: "Deployment", namespace: "shop", name: "operator")]?.health?.status == .healthy)
        #expect(obs.values.allSatisfy { $0.current && $0.applied })
    }

    @Test func unchangedStatusKeepsItsTransitionTimes() throws {
        let work0 = AgentFixtures.parsed(AgentFixtures.work("- {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: d}}"))
        var live: [ResourceKey: YAMLNode] = [:]
        for m in work0.manifests { live[ResourceKey(object: m)!] = Simulated.healthy(m) }
        let p1 = WorkAgent.pass(AgentInput(work: work0, live: live, now: t0), state: WorkAgentState(), settings: AgentSettings())
        let work1 = AgentFixtures.parsed(AgentFixtures.work("- {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: d}}", status: p1.status))
        let p2 = WorkAgent.pass(AgentInput(work: work1, live: live, now: t0.addingTimeInterval(60)), state: p1.state, settings: AgentSettings())
        #expect(JSON.encode(p2.status!) == JSON.encode(p1.status!))
    }

    @Test(arguments: [
        (".status.replicas", "3"),
        (".status.conditions[?(@.type==\"Ready\")].message", "all good"),
        (".status.conditions[1].type", "Ready"),
        (".metadata.labels['app.kubernetes.io/name']", "web"),
        ("{.status.replicas}", "3"),
        (".status.missing", nil),
        (".status.conditions[7].type", nil),
    ])
    func feedbackPaths(path: String, value: String?) throws {
        let o = try YAMLParser.parse("""
            metadata: {labels: {app.kubernetes.io/name: web}}
            status: {replicas: 3, conditions: [{type: Available, status: "True"}, {type: Ready, status: "True", message: all good}]}
            """)
        #expect(StatusFeedback.evaluate(path, in: o)?.scalar?.value == value)
    }

    @Test(arguments: [
        ("spec: {deleteOption: {propagationPolicy: Sometimes}}", "propagationPolicy 'Sometimes'"),
        ("spec: {manifestConfigs: [{updateStrategy: {type: Update}}]}", "spec.manifestConfigs[0].resourceIdentifier needs resource and name"),
        ("spec: {manifestConfigs: [{resourceIdentifier: {resource: a, name: b}, updateStrategy: {type: Merge}}]}", "'Merge' is not ServerSideApply"),
        ("spec: {manifestConfigs: [{resourceIdentifier: {resource: a, name: b}, feedbackRules: [{type: JSONPaths, jsonPaths: [{name: x}]}]}]}", "jsonPaths[0] needs name and path"),
        ("spec: {workload: {manifests: [{kind: ConfigMap}]}}", "manifest #0 has no apiVersion"),
    ])
    func invalidWorksNameTheField(yaml: String, message: String) throws {
        var node = try YAMLParser.parse("{apiVersion: work.open-cluster-management.io/v1, kind: ManifestWork, metadata: {name: w, namespace: c}}")
        for p in try YAMLParser.parse(yaml).pairs ?? [] { node[p.key.value] = p.value }
        #expect {
            _ = try ManifestWork(node)
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("manifestwork c/w")
        }
    }

    @Test func invalidWaveAnnotationIsReportedInStatus() {
        let work = AgentFixtures.parsed(AgentFixtures.work("- {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: d, annotations: {argocd.argoproj.io/sync-wave: soon}}}"))
        let p = WorkAgent.pass(AgentInput(work: work, live: [:], now: t0), state: WorkAgentState(), settings: AgentSettings())
        #expect(p.applied.isEmpty)
        #expect(p.condition("Applied")?.string(at: "reason") == "InvalidManifestWork")
        #expect(p.condition("Applied")?.string(at: "message")?.contains("sync wave 'soon' is not an integer") == true)
    }
}
