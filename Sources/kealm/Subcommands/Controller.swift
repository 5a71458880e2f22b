import ArgumentParser
import Foundation
import KealmApp

/// `kealm controller`: runs the hub-side controllers against a hub kubeconfig.
struct Controller: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the hub-side controllers (Placement, GitOpsCluster, ApplicationSet, Application) against a hub."
    )

    @Option(help: "Kubeconfig of the hub (default: KUBECONFIG rules).")
    var kubeconfig: String?

    @Option(help: "Context of the kubeconfig to use.")
    var context: String?

    @Option(help: "Directory for Git mirrors and other state.")
    var state: String = ".kealm/controller"

    @Option(help: "Watch Applications in this namespace only (default: all namespaces).")
    var namespace: String?

    @Option(help: "Parallel reconciles.")
    var workers: Int = 8

    @Option(help: "Seconds between full resyncs of every Application.")
    var resync: Double = 180

    @Option(help: "Seconds between Git polls of a repository (a refresh or webhook fetches at once).")
    var poll: Double = 180

    @Option(help: "Seconds to wait after a wave is healthy before writing the next one.")
    var waveDelay: Double = 2

    @Option(help: "Serve POST /api/webhook on this port (0: any free port; omit to disable).")
    var webhookPort: Int?

    @Option(help: "Address for the webhook listener.")
    var webhookHost: String = "127.0.0.1"

    @Option(help: "Environment variable holding the webhook's shared secret.")
    var webhookSecretEnv: String?

    @Flag(help: "Do not write Kubernetes Events.")
    var noEvents = false

    @Option(help: "Requests per second to the hub (client-side limit, like Argo CD's ARGOCD_K8S_CLIENT_QPS; 0: no limit).")
    var qps: Double = 50

    @Option(help: "Requests allowed in a burst above --qps.")
    var burst: Int = 100

    func run() async throws {
        let dir = state.hasPrefix("/") ? state : FileManager.default.currentDirectoryPath + "/" + state
        var p = ControllerProcess(kubeconfig: kubeconfig, context: context, stateDirectory: dir)
        p.namespace = namespace
        p.workers = workers
        p.resync = resync
        p.poll = poll
        p.waveDelay = waveDelay
        p.webhookHost = webhookHost
        p.webhookPort = webhookPort
        p.webhookSecret = webhookSecretEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
        p.emitEvents = !noEvents
        p.qps = qps
        p.burst = burst
        let host = webhookHost
        try await p.run { port in
            if let port { FileHandle.standardError.write(Data("webhook: http://\(host):\(port)/api/webhook\n".utf8)) }
        }
    }
}
