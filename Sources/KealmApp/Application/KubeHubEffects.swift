import Foundation
import KealmModel
import KealmYAML
import KubeClient
import Planning
import Reconcile
import Synchronization

/// `HubEffects` over the Kubernetes client: ManifestWorks read from an informer (with the
/// controller's own last writes winning over a cache that has not caught up yet), written with
/// server-side apply; the Application's status through the status subresource.
public final class KubeHubEffects: HubEffects, @unchecked Sendable {
    public static let workGVK = GVK(group: "work.open-cluster-management.io", version: "v1", kind: "ManifestWork")
    static let secretGVK = GVK(group: "", version: "v1", kind: "Secret")
    static let eventGVK = GVK(group: "", version: "v1", kind: "Event")

    let client: KubeClient
    let works: Informer
    let apps: Informer
    let fieldManager: String
    /// Where Argo CD cluster secrets live (server URL → cluster name).
    let clusterSecretNamespace: String?
    let emitEvents: Bool
    /// Works written or deleted by this process whose informer copy may lag: key → generation (nil = deleted).
    private let written = Mutex<[String: Int?]>([:])
    private let servers = Mutex<(at: Date, map: [String: String])?>(nil)
    /// Whether the hub serves `applications/status` (nil until discovery answered).
    private let statusSubresource = Mutex<Bool?>(nil)

    public init(client: KubeClient, works: Informer, apps: Informer, fieldManager: String = "kealm", clusterSecretNamespace: String? = nil,
        emitEvents: Bool = true)
    {
        self.client = client
        self.works = works
        self.apps = apps
        self.fieldManager = fieldManager
        self.clusterSecretNamespace = clusterSecretNamespace
        self.emitEvents = emitEvents
    }

    public func works(cluster: String, application: String) async throws -> [YAMLNode] {
        let cached = works.list(namespace: cluster, labels: [Tracking.applicationLabel: application])
        var out: [YAMLNode] = []
        for w in cached {
            let name = w.string(at: "metadata", "name") ?? ""
            let key = "\(cluster)/\(name)"
            switch written.withLock({ $0[key] }) {
            case .some(.none): continue  // deleted by us; the informer has not seen it yet
            case .some(.some(let gen)) where (w[path: ["metadata", "generation"]]?.intValue ?? 0) < gen:
                if let fresh = try? await client.get(Self.workGVK, name: name, namespace: cluster) { out.append(fresh) }
            default: out.append(w)
            }
        }
        // Written by us but not in the cache yet.
        let known = Set(out.compactMap { $0.string(at: "metadata", "name") })
        let pending = written.withLock { $0.filter { $0.key.hasPrefix(cluster + "/") && $0.value != nil }.map(\.key) }
        for key in pending {
            let name = String(key.dropFirst(cluster.count + 1))
            guard !known.contains(name), works.get(namespace: cluster, name: name) == nil,
                let fresh = try? await client.get(Self.workGVK, name: name, namespace: cluster),
                fresh.labels[Tracking.applicationLabel] == application
            else { continue }
            out.append(fresh)
        }
        return out.sorted { ($0.string(at: "metadata", "name") ?? "") < ($1.string(at: "metadata", "name") ?? "") }
    }

    public func applyWork(_ work: YAMLNode) async throws -> YAMLNode {
        let stored = try await client.apply(work, fieldManager: fieldManager, force: true)
        let key = "\(stored.string(at: "metadata", "namespace") ?? "")/\(stored.string(at: "metadata", "name") ?? "")"
        written.withLock { $0[key] = .some(stored[path: ["metadata", "generation"]]?.intValue ?? 0) }
        return stored
    }

    public func deleteWork(namespace: String, name: String) async throws {
        do {
            try await client.delete(Self.workGVK, name: name, namespace: namespace)
        } catch {
            let e: KubeError = error
            if !e.isNotFound { throw e }
        }
        written.withLock { $0["\(namespace)/\(name)"] = .some(nil) }
    }

    /// Forgets the lag bookkeeping of a work once the informer has caught up.
    public func observed(_ work: YAMLNode, deleted: Bool) {
        let key = "\(work.string(at: "metadata", "namespace") ?? "")/\(work.string(at: "metadata", "name") ?? "")"
        let gen = work[path: ["metadata", "generation"]]?.intValue ?? 0
        written.withLock { w in
            switch w[key] {
            case .some(.none) where deleted: w[key] = nil
            case .some(.some(let g)) where !deleted && gen >= g: w[key] = nil
            default: break
            }
        }
    }

    /// A merge patch on the status subresource that turns the old status into the new one (keys gone
    /// from the new status are set to null), so nothing else of the object (annotations written a
    /// moment ago) is touched. Where the Application has no status subresource (Argo CD's own CRD
    /// defines none), the same patch goes to the object itself.
    public func updateStatus(of app: Application, status: YAMLNode) async throws {
        try await write(status: status, annotations: [:], of: app)
    }

    /// Status and annotations in one merge patch on the object when the hub has no status
    /// subresource for Applications (as with Argo CD's CRD); else the status subresource first,
    /// then the annotations.
    public func write(status: YAMLNode?, annotations: [String: String?], of app: Application) async throws {
        let statusPatch = status.map { YAMLPair("status", Self.replacing(apps.get(namespace: app.namespace, name: app.name)?["status"], with: $0)) }
        do {
            if await hasStatusSubresource() {
                if let statusPatch {
                    do {
                        _ = try await client.patch(Application.gvk, name: app.name, namespace: app.namespace, type: .merge,
                            patch: .mapping([statusPatch]), subresource: "status")
                    } catch {
                        // The CRD may have lost its status subresource since discovery was asked (replaced
                        // by Argo CD's own): ask again, and write on the object when it is gone.
                        guard error.isNotFound else { throw error }
                        statusSubresource.withLock { $0 = nil }
                        if await hasStatusSubresource() { throw error }
                        return try await write(status: status, annotations: annotations, of: app)
                    }
                }
                if !annotations.isEmpty { try await patch(app, mergePatch: ApplicationEffectsPatches.annotations(annotations)) }
            } else {
                var patch = annotations.isEmpty ? YAMLNode.mapping([]) : ApplicationEffectsPatches.annotations(annotations)
                if let statusPatch { patch["status"] = statusPatch.value }
                _ = try await client.patch(Application.gvk, name: app.name, namespace: app.namespace, type: .merge, patch: patch)
            }
        } catch {
            if let e = error as? KubeError, e.isNotFound { return }
            throw error
        }
    }

    /// True when the hub serves `applications/status` (asked once; assumed true while discovery fails).
    func hasStatusSubresource() async -> Bool {
        if let known = statusSubresource.withLock({ $0 }) { return known }
        guard let list = try? await client.discovery.resources(groupVersion: Application.gvk.apiVersion, refresh: true),
            let mapping = list.first(where: { $0.gvk.kind == Application.gvk.kind })
        else { return true }
        let has = mapping.subresources.contains("status")
        statusSubresource.withLock { $0 = has }
        return has
    }

    /// `new`, plus a null for every mapping key of `old` that `new` no longer has (recursively).
    static func replacing(_ old: YAMLNode?, with new: YAMLNode) -> YAMLNode {
        guard let newPairs = new.pairs, let oldPairs = old?.pairs else { return new }
        var out = newPairs.map { p in YAMLPair(key: p.key, value: replacing(old?[p.key.value], with: p.value)) }
        for p in oldPairs where new[p.key.value] == nil { out.append(YAMLPair(key: p.key, value: .null)) }
        return .mapping(out)
    }

    public func patch(_ app: Application, mergePatch: YAMLNode) async throws {
        do {
            _ = try await client.patch(Application.gvk, name: app.name, namespace: app.namespace, type: .merge, patch: mergePatch)
        } catch {
            let e: KubeError = error
            if !e.isNotFound { throw e }
        }
    }

    public func event(_ app: Application, type: String, reason: String, message: String) async {
        guard emitEvents else { return }
        let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970)).rfc3339
        let name = "\(app.name).\(UInt64(Date().timeIntervalSince1970 * 1e6) & 0xffff_ffff)"
        let event = YAMLNode.mapping([
            YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Event")),
            YAMLPair("metadata", .mapping([YAMLPair("name", .string(name)), YAMLPair("namespace", .string(app.namespace))])),
            YAMLPair("involvedObject", .mapping([
                YAMLPair("apiVersion", .string(Application.gvk.apiVersion)), YAMLPair("kind", .string("Application")),
                YAMLPair("name", .string(app.name)), YAMLPair("namespace", .string(app.namespace)), YAMLPair("uid", .string(app.uid)),
            ])),
            YAMLPair("type", .string(type)), YAMLPair("reason", .string(reason)), YAMLPair("message", .string(String(message.prefix(1000)))),
            YAMLPair("source", .mapping([YAMLPair("component", .string("kealm-application-controller"))])),
            YAMLPair("firstTimestamp", .string(now)), YAMLPair("lastTimestamp", .string(now)), YAMLPair("count", .int(1)),
        ])
        _ = try? await client.create(event)
    }

    /// Argo CD cluster secrets (`argocd.argoproj.io/secret-type: cluster`): `server` → `name`, re-read every minute.
    public func cluster(forServer server: String) async -> String? {
        let now = Date()
        // Fresh hits are served from the cache; a miss re-lists (at most every 2 s), so a cluster
        // registered or moved a moment ago resolves at once.
        if let cached = servers.withLock({ $0 }) {
            let age = now.timeIntervalSince(cached.at)
            if age < 60, let hit = cached.map[server] { return hit }
            if age < 2 { return cached.map[server] }
        }
        var map: [String: String] = [:]
        if let list = try? await client.list(Self.secretGVK, namespace: clusterSecretNamespace,
            options: ListOptions(labelSelector: "argocd.argoproj.io/secret-type=cluster"))
        {
            for s in list.items {
                func field(_ k: String) -> String? {
                    if let v = s.string(at: "stringData", k) { return v }
                    return s.string(at: "data", k).flatMap { Data(base64Encoded: $0) }.flatMap { String(data: $0, encoding: .utf8) }
                }
                if let url = field("server"), let name = field("name") { map[url] = name }
            }
        }
        servers.withLock { $0 = (now, map) }
        return map[server]
    }
}
