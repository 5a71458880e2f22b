import ArgumentParser
import Foundation
import VirtualCluster

/// `kealm hub serve`: runs the API server until SIGTERM or SIGINT.
struct HubServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Kubernetes-compatible API; writes DATA/admin.kubeconfig once listening."
    )

    @OptionGroup var options: HubDataOptions

    @Option(help: "The address to listen on (loopback by default).")
    var address: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 6443

    @Option(help: "Events kept per logical cluster for watch resumption.")
    var history: Int = 1000

    @Option(help: "Simulated controllers: 'builtin', 'none', or a YAML file of stage rules.")
    var stages: String = "builtin"

    @Flag(help: "Keep objects in memory only (benchmarks, throwaway hubs): nothing survives a restart.")
    var memory = false

    @Flag(help: "Serve without authentication (anyone reaching the port is admin; for local experiments only).")
    var noAuth = false

    @Flag(help: "Serve HTTPS with a CA and a server certificate kept in DATA/pki (made on first start).")
    var tls = false

    @Option(name: .customLong("tls-san"), help: "Another DNS name or IP address for the server certificate (repeatable).")
    var tlsSANs: [String] = []

    @Flag(inversion: .prefixedNo, help: "Offer HTTP/2 (ALPN h2) over TLS.")
    var http2 = true
    @Flag(help: "Enable fault injection (tests only): --faults and the admin endpoint /kealm/faults. Never on by default.")
    var allowFaultInjection = false

    @Option(help: "Fault rules (YAML or JSON) applied from the start; needs --allow-fault-injection.")
    var faults: String?

    func validate() throws {
        if faults != nil && !allowFaultInjection {
            throw ValidationError("--faults needs --allow-fault-injection (fault injection is off by default)")
        }
    }

    func run() async throws {
        let service = try makeService()
        let kubeconfig = HubDataDirectory(options.data).adminKubeconfig
        try await service.run { base in
            FileHandle.standardOutput.write(Data("kealm hub listening on \(base) (admin kubeconfig: \(kubeconfig))\n".utf8))
        }
    }

    /// The service the flags describe. Kept out of `run` (synchronous): Swift 6.3.1's optimizer
    /// crashed splitting `run` into coroutines while this was inlined into it (release builds).
    @inline(never)
    func makeService() throws -> HubService {
        let engine: StageEngine?
        switch stages {
        case "builtin": engine = StageEngine.builtin()
        case "none": engine = nil
        default: engine = try StageEngine(yaml: String(contentsOfFile: stages, encoding: .utf8))
        }
        var service = HubService(data: HubDataDirectory(options.data), host: address, port: port, historyLimit: history,
                                 stages: engine)
        service.requireAuth = !noAuth
        service.inMemory = memory
        service.tls = tls
        service.tlsSANs = tlsSANs
        service.http2 = http2
        if allowFaultInjection {
            let rules = try faults.map { try HubFaultRuleSet.parse(String(contentsOfFile: $0, encoding: .utf8), file: $0) } ?? []
            service.faults = HubFaultInjector(rules: rules)
            FileHandle.standardError.write(Data("kealm hub: FAULT INJECTION ENABLED (\(rules.count) rules); not for production\n".utf8))
        }
        return service
    }
}
