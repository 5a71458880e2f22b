import Health
import KealmModel
import KealmYAML
import Testing

@Suite struct HealthRegistryTests {
    func obj(_ text: String) throws -> YAMLNode { try YAMLParser.parse(text) }

    @Test func rankingFollowsArgoCD() {
        let order: [HealthStatus] = [.healthy, .suspended, .progressing, .missing, .degraded, .unknown]
        #expect(order.sorted() == order)
        #expect(HealthStatus.worst(of: [.healthy, .suspended]) == .suspended)
        #expect(HealthStatus.worst(of: [.progressing, .missing, .healthy]) == .missing)
        #expect(HealthStatus.worst(of: [.degraded, .unknown]) == .unknown)
        #expect(HealthStatus.worst(of: []) == .healthy)
    }

    @Test func aggregateKeepsTheWorstMessage() throws {
        let ok = try obj("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: a}\nstatus: {phase: Bound}")
        let bad = try obj("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: b}\nstatus: {phase: Lost}")
        let result = HealthRegistry.standard.aggregate([ok, bad, nil])
        #expect(result.status == .degraded)
        #expect(result.message == "claim lost its volume")
    }

    @Test func absentObjectIsMissingAndDeletingIsProgressing() throws {
        #expect(HealthRegistry.standard.assess(nil).status == .missing)
        let deleting = try obj("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, deletionTimestamp: '2026-01-01T00:00:00Z'}")
        #expect(HealthRegistry.standard.assess(deleting).status == .progressing)
    }

    @Test func kindsWithoutSignalsAreHealthyWithSourceNone() throws {
        let cm = try obj("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}")
        #expect(HealthRegistry.standard.assess(cm) == HealthAssessment(.healthy, "", source: .none))
        var strict = HealthRegistry.standard
        strict.useGenericRule = false
        let widget = try obj("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nstatus: {conditions: [{type: Ready, status: 'False'}]}")
        #expect(strict.assess(widget).status == .healthy)
        #expect(HealthRegistry.standard.assess(widget).status == .progressing)
    }

    @Test func virtualMachineMessagesFollowArgoCD() throws {
        let starting = try obj("""
            apiVersion: kubevirt.io/v1
            kind: VirtualMachine
            metadata: {name: vm}
            status: {created: true, conditions: [{type: Ready, status: 'False'}]}
            """)
        #expect(HealthRegistry.standard.assess(starting) == HealthAssessment(.progressing, "Starting"))
        let stopped = try obj("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: vm}\nstatus: {conditions: [{type: Ready, status: 'False'}]}")
        #expect(HealthRegistry.standard.assess(stopped) == HealthAssessment(.suspended, "Stopped"))
        let running = try obj("apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: vm}\nstatus: {conditions: [{type: Ready, status: 'True'}]}")
        #expect(HealthRegistry.standard.assess(running) == HealthAssessment(.healthy, "Running"))
    }

    @Test func deploymentMessagesSayWhatIsMissing() throws {
        let d = try obj("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: virt-operator, namespace: kubevirt, generation: 1}
            spec: {replicas: 1}
            status: {observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 0}
            """)
        #expect(HealthRegistry.standard.assess(d).message == "Waiting for rollout to finish: 0 of 1 updated replicas are available...")
    }
}
