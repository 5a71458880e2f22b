import ArgumentParser
import Foundation
import GitSource
import KealmApp
import KealmYAML
import KubeClient

/// `kealm up`: the whole GitOps flow on one machine — hub, member clusters, controllers and agents.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the embedded fleet: a hub and member clusters (virtual), the controllers and the work agents, in one process.",
        discussion: """
            Serves the hub and the member clusters from one virtual control plane, registers the members
            (cluster1 env=dev, cluster2 env=prod by default) in the ManagedClusterSet `managed`, applies the
            repository's acm-gitops-integration/ and applicationsets/ to the hub, and keeps reconciling until
            interrupted. State lives in --state (default .kealm): a restart resumes from it.
            """
    )

    @Option(help: "State directory (SQLite, Git mirrors, kubeconfigs).")
    var state: String = ".kealm"

    @Option(help: "The Git repository to deliver from: a path or URL (default: the repository of the current directory).")
    var repo: String?

    @Option(help: "The revision ApplicationSets target (replaces HEAD in the example content when given).")
    var revision: String?

    @Option(help: "Member clusters as name=env pairs.")
    var clusters: String = "cluster1=dev,cluster2=prod"

    @Option(help: "API server port (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Seconds between Git polls (kealm refresh fetches at once).")
    var poll: Double = 120

    @Option(help: "Seconds to wait after a healthy wave before the next one.")
    var waveDelay: Double = 2

    @Option(help: "Seconds to wait for the first full sync before printing the status anyway.")
    var settleTimeout: Double = 120

    @Flag(help: "Serve the hub and member clusters over HTTPS (CA in STATE/hub/pki; kubeconfigs carry it).")
    var tls = false

    func run() async throws {
        let cwd = FileManager.default.currentDirectoryPath
        let stateDir = state.hasPrefix("/") ? state : cwd + "/" + state
        guard let root = RepositoryLocator.root(containing: cwd) else {
            throw ExitStatus.fail(ValidationError("\(cwd) is not inside a Git repository"),
                hint: "run kealm up from a clone of the repository, or pass --repo")
        }
        let repoURL = repo.map { $0.contains("://") || $0.hasPrefix("/") ? $0 : cwd + "/" + $0 } ?? root
        var options = EmbeddedFleetOptions(state: stateDir, repoURL: repoURL, contentRoot: root,
            members: MemberCluster.parseList(clusters, clusterSet: "managed"))
        options.port = port
        options.targetRevision = revision
        options.poll = poll
        options.waveDelay = waveDelay
        options.tls = tls
        // KEALM_GIT_* credentials (as for `kealm render --repo`) go to the hub as a repository Secret.
        options.repoCredentials = try GitCredentials.fromEnvironment(ProcessInfo.processInfo.environment)
        let fleet = EmbeddedFleet(options: options)
        let relState = state
        let timeout = settleTimeout
        let memberNames = options.members.map(\.name)
        do {
            try await fleet.run(log: { line in FileHandle.standardError.write(Data("\(line)\n".utf8)) }) {
                await UpProgress.show(hubKubeconfig: fleet.hubKubeconfig, state: relState, members: memberNames, timeout: timeout)
            }
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}

/// What `kealm up` prints once started: progress until every application settles, then the table and
/// how to reach each cluster.
enum UpProgress {
    static func show(hubKubeconfig: String, state: String, members: [String], timeout: Double) async {
        guard let client = try? KubeClient(kubeconfig: hubKubeconfig) else { return }
        let start = Date()
        var last = ""
        var rows: [AppStatusRow] = []
        while Date().timeIntervalSince(start) < timeout {
            rows = (try? await Status.collect(client: client, apps: [], cluster: nil).0) ?? []
            let settled = rows.filter(\.isSettled).count
            let line = "syncing: \(settled)/\(rows.count) applications Synced and Healthy"
            if line != last { FileHandle.standardError.write(Data("\(line)\n".utf8)); last = line }
            if !rows.isEmpty && settled == rows.count && rows.count >= members.count { break }
            try? await Task.sleep(nanoseconds: 1_000_000_000)
        }
        var text = "\n" + StatusTable.render(rows, colour: isatty(1) != 0) + "\n"
        text += "hub:       kubectl --kubeconfig \(state)/hub.kubeconfig get applications -A\n"
        for m in members {
            text += "\(m):\(String(repeating: " ", count: max(1, 10 - m.count)))kubectl --kubeconfig \(state)/clusters/\(m).kubeconfig get vm -A\n"
        }
        text += "status:    kealm status      refresh: kealm refresh demo-vm --wait\n"
        text += "Kealm keeps reconciling; press Ctrl-C to stop (state is kept in \(state)/).\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Finds the root of the Git work tree containing a directory.
enum RepositoryLocator {
    static func root(containing dir: String) -> String? {
        var cur = URL(fileURLWithPath: dir).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: cur.appendingPathComponent(".git").path) { return cur.path }
            let parent = cur.deletingLastPathComponent()
            if parent.path == cur.path { return nil }
            cur = parent
        }
    }
}
