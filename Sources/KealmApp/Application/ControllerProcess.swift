import Foundation
import GitSource
import KubeClient
import Planning
import Reconcile

/// What `kealm controller` runs: the hub client, the Git side, the controllers, the webhook listener.
public struct ControllerProcess: Sendable {
    public var kubeconfig: String?
    public var context: String?
    /// Directory for Git mirrors.
    public var stateDirectory: String
    public var namespace: String?
    public var workers: Int = 8
    public var resync: TimeInterval = 180
    public var poll: TimeInterval = 180
    public var waveDelay: TimeInterval = 2
    public var webhookHost: String = "127.0.0.1"
    public var webhookPort: Int?
    public var webhookSecret: String?
    public var emitEvents = true
    /// The hub client's rate limit (requests per second, `<= 0`: none) and burst.
    public var qps: Double = 50
    public var burst: Int = 100
    /// More controllers run next to the application controller (e.g. the fleet controller).
    public var extraControllers: [any HubController] = []
    /// Run the fleet controller (Placement, GitOpsCluster, ApplicationSet) too.
    public var fleet = true
    /// Progress and errors of the fleet controller.
    public var log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(kubeconfig: String?, context: String?, stateDirectory: String) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.stateDirectory = stateDirectory
    }

    /// Builds the application controller (and the others as they come) and runs them until cancelled.
    /// `ready` is told the webhook's port once it listens.
    public func run(ready: @Sendable (Int?) -> Void = { _ in }) async throws {
        var options = ClientOptions()
        options.qps = qps
        options.burst = burst
        let client = try KubeClient(kubeconfig: kubeconfig, context: context, options: options)
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        // Repository credentials come from Argo CD repository Secrets on the hub: read before the first
        // fetch, then watched (registered below), so a Secret added, rotated or deleted applies on the next fetch.
        let credentials = HubRepositoryCredentials(client: client, warn: log)
        do { try await credentials.load() } catch { log("repository secrets not read: \(error)") }
        let git = GitRenderEffects(
            mirrors: MirrorCache(stateDirectory: stateDirectory, credentials: { credentials.credentials(for: $0) }), pollInterval: poll)
        let app = ApplicationController(client: client, git: git, options: ApplicationControllerOptions(
            namespace: namespace, workers: workers, resync: resync, settings: ApplicationSettings(gate: GatePolicy(delay: waveDelay)),
            emitEvents: emitEvents))
        var manager = ControllerManager()
        manager.register(app)
        manager.register(credentials)
        if fleet { manager.register(FleetController(client: client, repo: FleetGitRepos(git: git), log: log)) }
        for c in extraControllers { manager.register(c) }
        // Later: manager.register(PlacementController(...)), manager.register(ApplicationSetController(...)).
        var server: WebhookServer?
        if let port = webhookPort {
            server = try WebhookServer(host: webhookHost, port: port, handler: WebhookServer.applicationHandler(controller: app, secret: webhookSecret))
            server?.start()
        }
        ready(server?.port)
        defer { server?.stop() }
        try await manager.run()
    }
}
