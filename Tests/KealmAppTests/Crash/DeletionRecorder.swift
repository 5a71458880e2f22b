import Foundation
import KealmApp
import KealmModel
import KealmYAML
import KubeClient
import Synchronization

/// Watches every object of one kind (ManifestWorks on the hub, ConfigMaps on a member…) across
/// process kills and restarts and records each DELETED event and each uid an object name ever had
/// (an object deleted and created again changes uid, which catches a deletion even if an event
/// were missed). When the hub itself is down (a killed
/// `kealm up`) it reconnects every 200 ms, re-reading the kubeconfig (a restart writes a new token),
/// and resumes from the last resourceVersion it saw, so nothing in between is skipped.
final class DeletionRecorder: Sendable {
    struct Log: Sendable {
        var deleted: [String] = []
        var uids: [String: Set<String>] = [:]
        var events = 0
        var reconnects = 0
        /// The watch could not resume (410 Gone) and relisted: DELETED events may have been missed.
        var relists = 0
    }

    private let state = Mutex(Log())
    private let task = Mutex<Task<Void, Never>?>(nil)
    let kubeconfig: String
    let gvk: GVK

    init(kubeconfig: String, gvk: GVK = FleetKinds.manifestWork) {
        self.kubeconfig = kubeconfig
        self.gvk = gvk
    }

    var log: Log { state.withLock { $0 } }

    func start() {
        let t = Task { [self] in
            var rv: String?
            while !Task.isCancelled {
                do {
                    let client = try KubeClient(kubeconfig: kubeconfig)
                    var options = WatchOptions(resourceVersion: rv)
                    options.serverTimeoutSeconds = 30
                    options.maxConsecutiveFailures = 1
                    for try await event in client.watch(gvk, namespace: nil, options: options) {
                        self.state.withLock { log in
                            log.events += 1
                            switch event {
                            case .added(let o), .modified(let o): Self.note(o, in: &log)
                            case .deleted(let o):
                                Self.note(o, in: &log)
                                log.deleted.append(Self.key(o))
                            case .bookmark: break
                            case .resync(let items, _):
                                log.relists += 1
                                for o in items { Self.note(o, in: &log) }
                            }
                        }
                        switch event {
                        case .added(let o), .modified(let o), .deleted(let o):
                            if let v = o.string(at: "metadata", "resourceVersion") { rv = v }
                        case .bookmark(let v), .resync(_, let v): rv = v
                        }
                    }
                } catch {}
                self.state.withLock { $0.reconnects += 1 }
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        task.withLock { $0 = t }
    }

    func stop() { task.withLock { $0?.cancel() } }

    static func key(_ o: YAMLNode) -> String {
        "\(o.string(at: "metadata", "namespace") ?? "")/\(o.string(at: "metadata", "name") ?? "")"
    }

    static func note(_ o: YAMLNode, in log: inout Log) {
        guard let uid = o.string(at: "metadata", "uid") else { return }
        log.uids[key(o), default: []].insert(uid)
    }
}
