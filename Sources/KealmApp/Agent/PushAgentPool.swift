import Foundation
import KubeClient
import Reconcile
import Synchronization

/// Push mode: one work agent per member cluster inside this process, each with its own
/// kubeconfig and its own task, so an unreachable member never delays another. This is what
/// `kealm up` and `kealm controller` run; `kealm agent` (pull mode) runs one `WorkAgentRunner`
/// next to its member cluster instead.
public final class PushAgentPool: Sendable {
    public let hub: KubeClient
    public let settings: AgentSettings
    let log: @Sendable (String) -> Void
    private let agents = Mutex<[String: (runner: WorkAgentRunner, task: Task<Void, Never>)]>([:])

    public init(hub: KubeClient, settings: AgentSettings = AgentSettings(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.hub = hub
        self.settings = settings
        self.log = log
    }

    /// Starts the agent of a member cluster (replacing a running one of that name).
    @discardableResult
    public func add(cluster: String, member: KubeClient) -> WorkAgentRunner {
        let runner = WorkAgentRunner(clusterName: cluster, hub: hub, member: member, settings: settings, log: log)
        let task = Task { await runner.run() }
        let old = agents.withLock { map in
            defer { map[cluster] = (runner, task) }
            return map[cluster]
        }
        old?.task.cancel()
        return runner
    }

    /// Starts the agent of a member cluster from a kubeconfig file (and context).
    @discardableResult
    public func add(cluster: String, kubeconfig: String, context: String? = nil) throws -> WorkAgentRunner {
        add(cluster: cluster, member: try KubeClient(kubeconfig: kubeconfig, context: context))
    }

    /// Stops the agent of a member cluster.
    public func remove(cluster: String) {
        agents.withLock { $0.removeValue(forKey: cluster) }?.task.cancel()
    }

    /// The member clusters with a running agent.
    public var clusters: [String] { agents.withLock { $0.keys.sorted() } }

    public func runner(for cluster: String) -> WorkAgentRunner? { agents.withLock { $0[cluster]?.runner } }

    /// Stops every agent.
    public func stop() {
        for a in agents.withLock({ m -> [Task<Void, Never>] in defer { m = [:] }; return m.values.map(\.task) }) { a.cancel() }
    }
}
