import Foundation
import Health
import KealmModel
import KealmYAML
import Planning
import Reconcile
import Synchronization

/// An in-memory hub for benchmarks: Applications and ManifestWorks in dictionaries, and a simulated
/// agent with zero delay that reports every manifest of a written work applied and Healthy at the
/// work's new generation. `changed` is called with the Application key after every write that a
/// watch would report (what the informers feed the work queue with).
public final class MemoryHub: HubEffects, @unchecked Sendable {
    struct State {
        var apps: [String: YAMLNode] = [:]
        var works: [String: YAMLNode] = [:]
        var byApp: [String: Set<String>] = [:]
        var applies = 0
        var statusWrites = 0
    }
    private let state = Mutex(State())
    var changed: @Sendable (String) -> Void = { _ in }

    public init() {}

    public func put(_ app: YAMLNode) {
        let key = "\(app.string(at: "metadata", "namespace") ?? "")/\(app.string(at: "metadata", "name") ?? "")"
        state.withLock { $0.apps[key] = app }
    }

    public func app(_ key: String) -> YAMLNode? { state.withLock { $0.apps[key] } }
    public var appKeys: [String] { state.withLock { Array($0.apps.keys) } }
    public var applies: Int { state.withLock { $0.applies } }

    /// Sets an annotation on an Application (a person's kubectl, the CLI, or the webhook).
    public func annotate(_ key: String, _ name: String, _ value: String) {
        state.withLock { s in s.apps[key]?[path: ["metadata", "annotations", name]] = .string(value) }
        changed(key)
    }

    public func works(cluster: String, application: String) async throws -> [YAMLNode] {
        state.withLock { s in
            (s.byApp["\(cluster)/\(application)"] ?? []).sorted().compactMap { s.works[$0] }
        }
    }

    public func applyWork(_ work: YAMLNode) async throws -> YAMLNode {
        let ns = work.string(at: "metadata", "namespace") ?? ""
        let name = work.string(at: "metadata", "name") ?? ""
        let app = work.labels[Tracking.applicationLabel] ?? ""
        let owner = work.annotations[Tracking.applicationAnnotation] ?? ""
        let stored: YAMLNode = state.withLock { s in
            s.applies += 1
            var w = work
            let old = s.works["\(ns)/\(name)"]
            var gen = old?[path: ["metadata", "generation"]]?.intValue ?? 0
            if old.map({ JSON.encode($0["spec"] ?? .null) != JSON.encode(work["spec"] ?? .null) }) ?? true { gen += 1 }
            w[path: ["metadata", "generation"]] = .int(gen)
            w["status"] = Self.agentStatus(w, generation: gen)
            s.works["\(ns)/\(name)"] = w
            s.byApp["\(ns)/\(app)", default: []].insert("\(ns)/\(name)")
            return w
        }
        changed(owner)
        return stored
    }

    /// What the push agent would report with every simulation delay at zero.
    static func agentStatus(_ work: YAMLNode, generation: Int) -> YAMLNode {
        let at = Date(timeIntervalSince1970: 0)
        let manifests: [YAMLNode] = (work[path: ["spec", "workload", "manifests"]]?.items ?? []).enumerated().compactMap { i, m in
            guard let key = ResourceKey(object: m) else { return nil }
            return ManifestWorkStatus.entry(ManifestWorkStatus.Manifest(key: key, ordinal: i, version: "v1", resource: "", applied: true,
                available: true, health: HealthAssessment(.healthy)), generation: generation, at: at)
        }
        return .mapping([YAMLPair("resourceStatus", .mapping([YAMLPair("manifests", .sequence(manifests))]))])
    }

    public func deleteWork(namespace: String, name: String) async throws {
        state.withLock { s in
            if let w = s.works.removeValue(forKey: "\(namespace)/\(name)"), let app = w.labels[Tracking.applicationLabel] {
                s.byApp["\(namespace)/\(app)"]?.remove("\(namespace)/\(name)")
            }
        }
    }

    public func updateStatus(of app: Application, status: YAMLNode) async throws {
        state.withLock { s in
            s.statusWrites += 1
            s.apps[app.key]?["status"] = status
        }
    }

    public func patch(_ app: Application, mergePatch: YAMLNode) async throws {
        state.withLock { s in
            if let current = s.apps[app.key] { s.apps[app.key] = Self.merge(current, mergePatch) }
        }
    }

    static func merge(_ target: YAMLNode, _ patch: YAMLNode) -> YAMLNode {
        guard let pp = patch.pairs else { return patch }
        var out = target.pairs == nil ? YAMLNode.emptyMapping : target
        for p in pp { out[p.key.value] = p.value.isNull ? nil : merge(out[p.key.value] ?? .emptyMapping, p.value) }
        return out
    }

    public func event(_ app: Application, type: String, reason: String, message: String) async {}
    public func cluster(forServer server: String) async -> String? { nil }

    /// Applications whose status says Synced and Healthy at `revision` (any revision when nil).
    public func settled(revision: String? = nil) -> Int {
        state.withLock { s in
            s.apps.values.filter { a in
                a.string(at: "status", "sync", "status") == "Synced" && a.string(at: "status", "health", "status") == "Healthy"
                    && (revision == nil || a.string(at: "status", "sync", "revision") == revision)
            }.count
        }
    }
}
