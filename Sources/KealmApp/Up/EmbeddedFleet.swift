import Foundation
import GitSource
import KubeClient
import Planning
import Reconcile
import VirtualCluster

/// Settings of `kealm up`.
public struct EmbeddedFleetOptions: Sendable {
    /// The state directory (SQLite, mirrors, kubeconfigs). Default `.kealm`.
    public var state: String
    /// The repository the example ApplicationSets deliver from: a path or URL.
    public var repoURL: String
    /// The directory whose `acm-gitops-integration/` and `applicationsets/` are applied to the hub.
    public var contentRoot: String
    /// The revision the example ApplicationSets target (nil keeps what the files say).
    public var targetRevision: String?
    /// Member clusters and their labels.
    public var members: [MemberCluster]
    /// Address and port of the API server (0 picks a free port).
    public var host: String = "127.0.0.1"
    public var port: Int = 0
    /// Seconds after a healthy wave before the next one is written.
    public var waveDelay: TimeInterval = 2
    /// Seconds between Git polls (a refresh fetches at once).
    public var poll: TimeInterval = 120
    /// Simulated controllers on the member clusters.
    public var stages: StageEngine? = StageEngine.builtin()
    /// Serve HTTPS (certificates under STATE/hub/pki); every kubeconfig carries the CA.
    public var tls = false
    /// Credentials for `repoURL`, written to the hub as an Argo CD repository Secret (never logged).
    public var repoCredentials: GitCredentials?

    public init(state: String, repoURL: String, contentRoot: String, members: [MemberCluster]) {
        self.state = state
        self.repoURL = repoURL
        self.contentRoot = contentRoot
        self.members = members
    }
}

/// `kealm up`: the virtual control plane with a hub and member logical clusters, the fleet and
/// application controllers, and a push-mode work agent per member, in one process.
public struct EmbeddedFleet: Sendable {
    public static let hubCluster = "hub"
    public var options: EmbeddedFleetOptions

    public init(options: EmbeddedFleetOptions) { self.options = options }

    /// Where the kubeconfigs are written.
    public var hubKubeconfig: String { options.state + "/hub.kubeconfig" }
    public func memberKubeconfig(_ name: String) -> String { options.state + "/clusters/\(name).kubeconfig" }

    /// Runs until the hub stops (SIGINT/SIGTERM). `ready` is called once everything is started.
    public func run(log: @escaping @Sendable (String) -> Void, ready: @escaping @Sendable () async -> Void) async throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: options.state + "/clusters", withIntermediateDirectories: true)
        let data = HubDataDirectory(options.state + "/hub")
        try data.create()
        let store = try data.openStore()
        var tokens: [String: String] = [:]
        // A restart keeps each cluster's token (kubeconfigs handed out stay valid, none pile up).
        let previous = try store.tokens()
        for name in [Self.hubCluster] + options.members.map(\.name) {
            if try !store.clusterExists(name) { try store.createCluster(name) }
            let label = "kealm-up-\(name)"
            let token = previous.first { $0.label == label && $0.cluster == name && $0.namespaces.isEmpty && $0.verbs.isEmpty }
                ?? TokenRecord(token: Hub.randomToken(), cluster: name, label: label)
            try store.saveToken(token)
            tokens[name] = token.token
        }
        // Reuse the previous port when none is asked for, so member URLs (and the Applications'
        // destinations) stay the same across restarts; fall back to a free port when it is taken.
        let portFile = options.state + "/hub/port"
        var ports = [options.port]
        if options.port == 0, let saved = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap({ Int($0) }) {
            ports = [saved, 0]
        }
        var started: (task: Task<Void, Error>, base: String)?
        for port in ports {
            var service = HubService(data: data, host: options.host, port: port, stages: options.stages)
            service.requireAuth = true
            service.tls = options.tls
            let (readyStream, readyContinuation) = AsyncStream<String>.makeStream()
            let task = Task {
                defer { readyContinuation.finish() }
                try await service.run { base in readyContinuation.yield(base) }
            }
            var iterator = readyStream.makeAsyncIterator()
            if let base = await iterator.next() {
                started = (task, base)
                break
            }
            if port == ports.last { _ = try await task.value }
        }
        guard let (hubTask, base) = started else { throw CancellationError() }
        if let port = base.split(separator: ":").last { try? String(port).write(toFile: portFile, atomically: true, encoding: .utf8) }
        log("hub: serving on \(base)")
        let caData = options.tls ? try Data(HubPKI(data: data).caPEM().utf8).base64EncodedString() : nil

        for (name, token) in tokens {
            let path = name == Self.hubCluster ? hubKubeconfig : memberKubeconfig(name)
            try HubDataDirectory.writePrivate(
                Kubeconfig.render(base: base, cluster: name, token: token, user: name, caData: caData), to: path)
        }
        let hub = try KubeClient(kubeconfig: hubKubeconfig)
        var bootstrap = FleetBootstrap(client: hub, members: options.members, memberServerPrefix: base + "/clusters/",
            repoRoot: options.contentRoot, repoURL: options.repoURL)
        bootstrap.targetRevision = options.targetRevision
        try await bootstrap.run(log: log)
        if let creds = options.repoCredentials, !creds.isEmpty {
            _ = try await hub.apply(HubRepositoryCredentials.repositorySecret(name: "kealm-up-repository", url: options.repoURL,
                credentials: creds), fieldManager: "kealm-up", force: true)
            log("hub: repository credentials stored in Secret argocd/kealm-up-repository")
        }

        let agents = PushAgentPool(hub: hub, settings: AgentSettings(), log: log)
        for m in options.members { _ = try agents.add(cluster: m.name, kubeconfig: memberKubeconfig(m.name)) }
        defer { agents.stop() }

        var controller = ControllerProcess(kubeconfig: hubKubeconfig, context: nil, stateDirectory: options.state + "/controller")
        controller.poll = options.poll
        controller.waveDelay = options.waveDelay
        controller.resync = options.poll
        controller.log = log
        let controllerTask = Task { try await controller.run() }
        defer { controllerTask.cancel() }
        await ready()
        try await hubTask.value
    }
}
