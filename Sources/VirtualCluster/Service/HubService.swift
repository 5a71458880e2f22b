import Dispatch
import Foundation

/// `kealm hub serve` as a service: opens the data directory, serves the API, writes the admin
/// kubeconfig once the port is known, and forgets clusters deleted by another process.
public struct HubService: Sendable {
    public var data: HubDataDirectory
    public var host: String
    public var port: Int
    public var historyLimit: Int
    /// The simulated controllers of every logical cluster (nil for none).
    public var stages: StageEngine?
    /// When false, requests need no token (kubectl sends tokens only over TLS).
    public var requireAuth: Bool = true
    /// Keep objects in memory only (nothing survives a restart; tokens and kubeconfig still go to DATA).
    public var inMemory: Bool = false
    /// Serve HTTPS with the certificates under DATA/pki (a CA and a serving certificate, made on first start).
    public var tls: Bool = false
    /// Names the serving certificate holds besides loopback, `localhost` and the listen address.
    public var tlsSANs: [String] = []
    /// Offer HTTP/2 through ALPN when serving HTTPS.
    public var http2: Bool = true
    /// Fault rules (`--allow-fault-injection`); nil keeps fault injection off.
    public var faults: HubFaultInjector?

    public init(data: HubDataDirectory, host: String = "127.0.0.1", port: Int = 6443, historyLimit: Int = 1000,
                stages: StageEngine? = StageEngine.builtin()) {
        self.data = data
        self.stages = stages
        self.host = host
        self.port = port
        self.historyLimit = historyLimit
    }

    /// Runs until SIGTERM/SIGINT; `onReady` receives the base URL.
    public func run(onReady: @escaping @Sendable (String) -> Void) async throws {
        let sqlite = try data.openStore()
        let store: any ObjectStore = inMemory ? MemoryObjectStore() : sqlite
        let hub = try Hub(store: store, historyLimit: historyLimit, stages: stages)
        let token = try HubDataDirectory.adminToken(hub)
        _ = try hub.cluster(Hub.defaultCluster)
        let host = self.host
        let handlerBox = HandlerBox(APIHandler(hub: hub, serverAddress: "\(host):\(port)", requireAuth: requireAuth))
        let data = self.data
        let sweeper = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                hub.forgetDeletedClusters()
            }
        }
        // Open watches would hold the graceful shutdown forever: end them on the first signal.
        let signals = [SIGTERM, SIGINT].map { sig -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { hub.closeAllWatches() }
            source.resume()
            return source
        }
        defer {
            sweeper.cancel()
            for s in signals { s.cancel() }
        }
        var server = HubServer(handler: handlerBox.handler, host: host, port: port)
        var caData: String?
        if tls {
            let certificates = try HubPKI(data: data).servingCertificates(extraSANs: HubPKI.listenSANs(host) + tlsSANs)
            server.tls = HubServerTLS(certificates: certificates, http2: http2)
            caData = Data(certificates.caPEM.utf8).base64EncodedString()
        }
        let scheme = tls ? "https" : "http"
        let ca = caData
        server.faults = faults
        try await server.run { bound in
            let base = "\(scheme)://\(HubPKI.urlHost(host)):\(bound)"
            try? HubDataDirectory.writePrivate(
                Kubeconfig.render(base: base, cluster: Hub.defaultCluster, token: token, user: "admin", caData: ca),
                to: data.adminKubeconfig)
            onReady(base)
        }
    }
}

final class HandlerBox: Sendable {
    let handler: APIHandler
    init(_ h: APIHandler) { handler = h }
}
