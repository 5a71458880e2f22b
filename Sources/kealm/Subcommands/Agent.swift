import ArgumentParser
import Foundation
import KealmApp
import KubeClient
import Reconcile

/// `kealm agent`: the pull-mode work agent of one member cluster. It watches the ManifestWorks of
/// the cluster's namespace on the hub and applies them to the member cluster in waves, until
/// SIGTERM or SIGINT.
struct Agent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the ManifestWorks of one member cluster (pull mode): waves gated on health, drift reverted, status reported."
    )

    @Option(help: "Kubeconfig of the hub (where the ManifestWorks are).")
    var hubKubeconfig: String

    @Option(help: "Context of the hub kubeconfig (default: its current context).")
    var hubContext: String?

    @Option(help: "The member cluster's name: the hub namespace holding its ManifestWorks.")
    var clusterName: String

    @Option(help: "Kubeconfig of the member cluster (default: KUBECONFIG rules, or in-cluster).")
    var kubeconfig: String?

    @Option(help: "Context of the member kubeconfig.")
    var context: String?

    @Option(help: "Delay between waves once the previous one is healthy, e.g. 2s, 0, 500ms.")
    var waveDelay: String = "2s"

    @Option(help: "Time a wave may take before it is reported as timed out, e.g. 10m; 0 for none.")
    var waveTimeout: String = "10m"

    func validate() throws {
        guard AgentSettings.duration(waveDelay) != nil else { throw ValidationError("--wave-delay '\(waveDelay)' is not a duration such as 2s") }
        guard waveTimeout == "0" || AgentSettings.duration(waveTimeout) != nil else {
            throw ValidationError("--wave-timeout '\(waveTimeout)' is not a duration such as 10m")
        }
        guard !clusterName.isEmpty else { throw ValidationError("--cluster-name must not be empty") }
    }

    func run() async throws {
        var settings = AgentSettings()
        settings.gate.delay = AgentSettings.duration(waveDelay) ?? 2
        settings.gate.timeout = waveTimeout == "0" ? nil : AgentSettings.duration(waveTimeout)
        let hub = try KubeClient(kubeconfig: hubKubeconfig, context: hubContext)
        let member = try KubeClient(kubeconfig: kubeconfig, context: context)
        let runner = WorkAgentRunner(clusterName: clusterName, hub: hub, member: member, settings: settings) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        FileHandle.standardOutput.write(Data("kealm agent for cluster \(clusterName) started\n".utf8))
        let task = Task { await runner.run() }
        let signals = StopSignals { task.cancel() }
        await task.value
        _ = signals
        FileHandle.standardOutput.write(Data("kealm agent for cluster \(clusterName) stopped\n".utf8))
    }
}

/// Cancels on SIGTERM or SIGINT.
final class StopSignals: @unchecked Sendable {
    let sources: [DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGTERM, SIGINT].map { sig in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler(handler: stop)
            s.resume()
            return s
        }
    }
}
