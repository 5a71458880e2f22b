import Foundation
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import VirtualCluster

#if canImport(Glibc)
    import Glibc
#endif

/// The application controller over the real hub API (bench/appctl-hub.bench): a `kealm hub serve`
/// process, a process of push agents for the member clusters (logical clusters of the same hub),
/// and this process running what `kealm controller` runs (the fleet and application controllers).
/// Three roles:
/// - `setup`: member clusters, their tokens and kubeconfigs, the CRDs, the fleet objects and the
///   ApplicationSets (no Application);
/// - `agents`: one push agent per member (all sharing `hubClients` hub clients);
/// - `controller`: from nothing (no Application) to every generated Application Synced/Healthy,
///   then push-to-Synced latencies.
public enum AppctlHubBench {
    static func member(_ i: Int) -> String { "cluster-\(i)" }

    /// Client options with a rate limit (`qps <= 0`: none) and more parallel requests.
    public static func clientOptions(qps: Double, role: String = "bench") -> ClientOptions {
        var o = ClientOptions()
        o.transport.userAgent = "kealm-\(role)/0.1"
        o.qps = qps
        o.burst = max(100, Int(qps * 2))
        o.transport.maxConcurrentRequests = 16
        o.transport.requestTimeout = 120
        return o
    }

    /// Creates `clusters` member clusters (logical clusters of the hub, with kubeconfigs under
    /// `out/members`, and a ManagedCluster each, `env` alternating dev/prod), the hub CRDs, and the
    /// fleet objects of the demo: a ManagedClusterSet, its binding, a Placement choosing every
    /// member, a GitOpsCluster, and `appsets` ApplicationSets (`apps/app-<a>/overlays/<env>`, the
    /// cluster generator). No Application exists yet: the fleet controller generates them.
    public static func setup(data: String, out: String, clusters: Int, appsets: Int, repoURL: String) async throws {
        let dir = HubDataDirectory(data)
        let store = try dir.openStore()
        let admin = try String(contentsOfFile: dir.adminKubeconfig, encoding: .utf8)
        guard let base = Kubeconfig.baseURL(ofKubeconfig: admin) else { throw ReconcileError(.invalid, "no server in the admin kubeconfig", application: "bench") }
        try FileManager.default.createDirectory(atPath: out + "/members", withIntermediateDirectories: true)
        for i in 0..<clusters {
            let name = member(i)
            if try !store.clusterExists(name) { try store.createCluster(name) }
            let token = TokenRecord(token: Hub.randomToken(), cluster: name, label: "bench-\(name)")
            try store.saveToken(token)
            try HubDataDirectory.writePrivate(Kubeconfig.render(base: base, cluster: name, token: token.token, user: name),
                to: out + "/members/\(name).kubeconfig")
        }
        let hub = try KubeClient(kubeconfig: dir.adminKubeconfig, options: clientOptions(qps: 0))
        for crd in HubCRDs.all { _ = try await hub.apply(crd, fieldManager: "bench", force: true) }
        for _ in 0..<100 {
            if (try? await hub.list(Application.gvk, namespace: "argocd")) != nil { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        for ns in ["argocd"] + (0..<clusters).map(member) {
            _ = try await hub.apply(try JSON.decode(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(ns)"}}"#), fieldManager: "bench")
        }
        try await parallel(clusters, lanes: 8) { i in
            _ = try await hub.apply(try JSON.decode("""
                {"apiVersion":"cluster.open-cluster-management.io/v1","kind":"ManagedCluster",
                 "metadata":{"name":"\(member(i))","labels":{"cluster.open-cluster-management.io/clusterset":"bench","env":"\(i % 2 == 0 ? "dev" : "prod")"}},
                 "spec":{"hubAcceptsClient":true,"managedClusterClientConfigs":[{"url":"https://\(member(i)).bench.invalid:6443"}]}}
                """), fieldManager: "bench", force: true)
        }
        for doc in try YAMLParser.parseStream(FleetWatchBench.fleetSelection(numberOfClusters: nil)) { _ = try await hub.apply(doc, fieldManager: "bench", force: true) }
        try await parallel(appsets, lanes: 8) { a in
            _ = try await hub.apply(try JSON.decode("""
                {"apiVersion":"argoproj.io/v1alpha1","kind":"ApplicationSet","metadata":{"name":"app-\(a)","namespace":"argocd"},
                 "spec":{"generators":[{"clusters":{"selector":{"matchLabels":{"argocd.argoproj.io/secret-type":"cluster"}}}}],
                  "template":{"metadata":{"name":"app-\(a)-{{name}}","annotations":{"argocd.argoproj.io/manifest-generate-paths":"/apps/app-\(a)"}},
                   "spec":{"project":"default",
                    "source":{"repoURL":"\(repoURL)","targetRevision":"main","path":"apps/app-\(a)/overlays/{{metadata.labels.env}}"},
                    "destination":{"server":"{{server}}","namespace":"app-\(a)"},
                    "syncPolicy":{"automated":{"prune":true,"selfHeal":true},"syncOptions":["CreateNamespace=true"]}}}}}
                """), fieldManager: "bench", force: true)
        }
    }

    /// Runs `body(0..<count)` in `lanes` parallel lanes.
    static func parallel(_ count: Int, lanes: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<lanes {
                group.addTask { for i in stride(from: lane, to: count, by: lanes) { try await body(i) } }
            }
            try await group.waitForAll()
        }
    }

    /// Runs push agents for the members until cancelled; `hubClients` hub clients are shared
    /// round-robin (1 = what `kealm up` does today).
    public static func agents(data: String, out: String, clusters: Int, hubClients: Int, qps: Double) async throws {
        let admin = HubDataDirectory(data).adminKubeconfig
        var settings = AgentSettings()
        settings.gate.delay = 0
        var pools: [PushAgentPool] = []
        for _ in 0..<max(1, hubClients) {
            pools.append(PushAgentPool(hub: try KubeClient(kubeconfig: admin, options: clientOptions(qps: qps, role: "agent")), settings: settings))
        }
        for i in 0..<clusters {
            _ = try pools[i % pools.count].add(cluster: member(i), kubeconfig: out + "/members/\(member(i)).kubeconfig")
        }
        defer { for p in pools { p.stop() } }
        while !Task.isCancelled { try await Task.sleep(nanoseconds: 1_000_000_000) }
    }

    public struct Figures: Sendable {
        public var applications = 0
        /// (seconds since start, Applications Synced and Healthy), every few seconds.
        public var curve: [(Double, Int)] = []
        public var secondsToSettled = 0.0
        public var refreshMillis: [Double] = []
        public var webhookMillis: [Double] = []
        public var webhookAllMillis: [Double] = []
        public var pollMillis: [Double] = []
        public var stats = ApplicationControllerStats()
        /// The counters when everything had settled (before the latency trials).
        public var statsAtSettled = ApplicationControllerStats()
        /// The hub's request counts when everything had settled (`/metrics`: `verb group/resource[/subresource]` → count).
        public var requests: [String: Int] = [:]
        public var cpuSeconds = 0.0
        public var peakRSSMiB = 0.0
    }

    /// Runs the controller until every Application is Synced/Healthy (or `timeout`), then measures
    /// push-to-Synced: `trials` commits with a refresh annotation (what `kealm refresh` writes),
    /// `trials` through the webhook (a GitHub push payload listing the changed path), and
    /// `pollTrials` with neither (the poll interval's path).
    public static func controller(data: String, state: String, repoURL: String, appsets: Int, clusters: Int, workers: Int, qps: Double,
        poll: TimeInterval, timeout: TimeInterval, trials: Int, pollTrials: Int, push: @escaping @Sendable (Int) throws -> String,
        progress: @escaping @Sendable (String) -> Void) async throws -> Figures
    {
        let hub = try KubeClient(kubeconfig: HubDataDirectory(data).adminKubeconfig, options: clientOptions(qps: qps, role: "controller"))
        let git = GitRenderEffects(stateDirectory: state, pollInterval: poll)
        let controller = ApplicationController(client: hub, git: git, options: ApplicationControllerOptions(namespace: "argocd",
            workers: workers, resync: max(poll, 180), settings: ApplicationSettings(gate: GatePolicy(delay: 0), runningRequeue: 1), emitEvents: false))
        // The fleet controller generates the Applications from the ApplicationSets, as `kealm controller` runs it.
        let fleet = FleetController(client: hub, repo: FleetGitRepos(git: git))
        let webhook = try WebhookServer(handler: WebhookServer.applicationHandler(controller: controller, secret: nil))
        webhook.start()
        defer { webhook.stop() }
        var f = Figures()
        f.applications = appsets * clusters
        let start = Date()
        let run = Task { try await ControllerManager([controller, fleet]).run() }
        defer { run.cancel() }
        func synced(_ key: String, at rev: String) -> Bool {
            let p = key.split(separator: "/").map(String.init)
            guard let o = controller.apps.get(namespace: p[0], name: p[1]) else { return false }
            return o.string(at: "status", "sync", "revision") == rev && o.string(at: "status", "sync", "status") == "Synced"
                && o.string(at: "status", "health", "status") == "Healthy"
        }
        func settled() -> Int {
            // The store's values, not `list()` (which sorts every key): this runs every half second.
            controller.apps.store.objects.values.reduce(0) {
                $0 + ($1.string(at: "status", "sync", "status") == "Synced" && $1.string(at: "status", "health", "status") == "Healthy" ? 1 : 0)
            }
        }
        var lastReport = Date.distantPast
        while true {
            let n = settled()
            let t = Date().timeIntervalSince(start)
            if Date().timeIntervalSince(lastReport) >= 5 || n == f.applications {
                f.curve.append((t, n))
                progress(String(format: "t=%.1fs settled=%d/%d passes=%d", t, n, f.applications, controller.stats.passes))
                lastReport = Date()
            }
            if n == f.applications { break }
            if t > timeout { throw ReconcileError(.unavailable, "not settled after \(Int(timeout)) s (\(n)/\(f.applications))", application: "bench") }
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        f.secondsToSettled = Date().timeIntervalSince(start)
        f.requests = (try? await requestCounts(hub)) ?? [:]
        f.statsAtSettled = controller.stats

        func wait(_ keys: [String], _ rev: String, limit: TimeInterval) async throws -> Double {
            let t0 = Date()
            while !keys.allSatisfy({ synced($0, at: rev) }) {
                if Date().timeIntervalSince(t0) > limit { throw ReconcileError(.unavailable, "\(keys[0]) not Synced at \(rev) after \(Int(limit)) s", application: "bench") }
                try await Task.sleep(nanoseconds: 5_000_000)
            }
            return Date().timeIntervalSince(t0) * 1000
        }
        // kealm refresh: the annotation, written through the hub API.
        for i in 0..<trials {
            let rev = try push(0)
            let t0 = Date()
            _ = try await hub.patch(Application.gvk, name: "app-0-\(member(0))", namespace: "argocd", type: .merge,
                patch: try JSON.decode(#"{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"normal"}}}"#))
            _ = try await wait(["argocd/app-0-\(member(0))"], rev, limit: 120)
            f.refreshMillis.append(Date().timeIntervalSince(t0) * 1000)
            progress("refresh \(i): \(Int(f.refreshMillis.last!)) ms")
        }
        // The webhook: a GitHub push listing the changed path selects the app-1 Applications only.
        let body = #"{"ref":"refs/heads/main","repository":{"clone_url":"\#(repoURL)"},"commits":[{"modified":["apps/app-1/base/cm.yaml"]}]}"#
        for i in 0..<trials {
            let rev = try push(1)
            let t0 = Date()
            try post(port: webhook.port, body: body)
            _ = try await wait(["argocd/app-1-\(member(0))"], rev, limit: 120)
            f.webhookMillis.append(Date().timeIntervalSince(t0) * 1000)
            _ = try await wait((0..<clusters).map { "argocd/app-1-\(member($0))" }, rev, limit: 300)
            f.webhookAllMillis.append(Date().timeIntervalSince(t0) * 1000)
            progress("webhook \(i): \(Int(f.webhookMillis.last!)) ms (all \(clusters): \(Int(f.webhookAllMillis.last!)) ms)")
        }
        // Neither: the poll interval (and the resync that looks at the Application again).
        for i in 0..<pollTrials {
            let rev = try push(2)
            let t0 = Date()
            _ = try await wait(["argocd/app-2-\(member(0))"], rev, limit: poll * 3 + 60)
            f.pollMillis.append(Date().timeIntervalSince(t0) * 1000)
            progress("poll \(i): \(Int(f.pollMillis.last!)) ms")
        }
        f.stats = controller.stats
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        f.peakRSSMiB = Double(usage.ru_maxrss) / 1024
        f.cpuSeconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return f
    }

    /// The hub's `apiserver_request_total` counters, keyed `verb group/resource[/subresource]`.
    static func requestCounts(_ hub: KubeClient) async throws -> [String: Int] {
        let text = String(decoding: try await hub.send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        var out: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("apiserver_request_total{") {
            var labels: [String: String] = [:]
            let inner = line.dropFirst("apiserver_request_total{".count).prefix { $0 != "}" }
            for part in inner.split(separator: ",") {
                let kv = part.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { labels[String(kv[0])] = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            guard let n = line.split(separator: " ").last.flatMap({ Int($0) }) else { continue }
            let sub = labels["subresource"].map { $0.isEmpty ? "" : "/" + $0 } ?? ""
            let group = labels["group"].map { $0.isEmpty ? "core" : $0 } ?? "?"
            out["\(labels["verb"] ?? "?") \(group)/\(labels["resource"] ?? "?")\(sub)", default: 0] += n
        }
        return out
    }

    /// POSTs a GitHub push event to the webhook on loopback (one short HTTP/1.1 request).
    static func post(port: Int, body: String) throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw ReconcileError(.unavailable, "socket", application: "bench") }
        defer { close(s) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr)
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { throw ReconcileError(.unavailable, "cannot reach the webhook on port \(port)", application: "bench") }
        let request = "POST /api/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GitHub-Event: push\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(s, $0.baseAddress, $0.count, 0) }
        var buf = [UInt8](repeating: 0, count: 4096)
        _ = recv(s, &buf, buf.count, 0)
    }

    /// The median of some values (0 when none).
    public static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
