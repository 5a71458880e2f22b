import KealmYAML
import Testing
@testable import VirtualCluster

@Suite struct StageTests {
    func api() throws -> TestAPI {
        let store = MemoryObjectStore()
        let hub = try Hub(store: store, stages: StageEngine.builtin())
        return TestAPI(hub: hub, handler: APIHandler(hub: hub, serverAddress: "x", requireAuth: false))
    }

    @Test func deploymentBecomesAvailable() async throws {
        let api = try api()
        _ = await api.call("POST", "/apis/apps/v1/namespaces/default/deployments",
                           "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":3}}")
        let (_, d) = await api.call("GET", "/apis/apps/v1/namespaces/default/deployments/web")
        #expect(d[path: ["status", "availableReplicas"]]?.intValue == 3)
        #expect(d[path: ["status", "observedGeneration"]]?.intValue == 1)
        let conds = d[path: ["status", "conditions"]]?.items ?? []
        #expect(conds.contains { $0.string(at: "type") == "Available" && $0.string(at: "status") == "True" })
    }

    @Test(arguments: [("{\"running\":true}", "Running", true), ("{\"runStrategy\":\"Always\"}", "Running", true),
                      ("{\"running\":false}", "Stopped", false)])
    func virtualMachines(spec: String, printable: String, created: Bool) async throws {
        let api = try api()
        let crd = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"virtualmachines.kubevirt.io"},
             "spec":{"group":"kubevirt.io","scope":"Namespaced","names":{"kind":"VirtualMachine","plural":"virtualmachines"},
             "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}}}]}}
            """
        _ = await api.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
        _ = await api.call("POST", "/apis/kubevirt.io/v1/namespaces/default/virtualmachines",
                           "{\"apiVersion\":\"kubevirt.io/v1\",\"kind\":\"VirtualMachine\",\"metadata\":{\"name\":\"vm\"},\"spec\":\(spec)}")
        let (_, vm) = await api.call("GET", "/apis/kubevirt.io/v1/namespaces/default/virtualmachines/vm")
        #expect(vm.string(at: "status", "printableStatus") == printable)
        #expect((vm[path: ["status", "created"]]?.boolValue ?? false) == created)
    }

    @Test func rulesParse() throws {
        #expect(StageEngine.builtin().rules.count >= 10)
    }
}
