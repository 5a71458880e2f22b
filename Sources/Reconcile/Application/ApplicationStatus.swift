import KealmModel
import KealmYAML

/// `status.sync.status` values.
public enum SyncStatusCode: String, Sendable, Hashable {
    case synced = "Synced"
    case outOfSync = "OutOfSync"
    case unknown = "Unknown"
}

/// `status.operationState.phase` values.
public enum OperationPhase: String, Sendable, Hashable {
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case error = "Error"
    case terminating = "Terminating"

    /// True once the operation will not change any more.
    public var isCompleted: Bool { self == .succeeded || self == .failed || self == .error }
}

/// One entry of `status.resources[]`.
public struct ResourceStatus: Sendable, Hashable {
    public var group: String
    public var version: String
    public var kind: String
    public var namespace: String
    public var name: String
    public var status: SyncStatusCode
    /// nil for resources whose health is not known (Argo CD leaves `health` out).
    public var health: String?
    public var healthMessage: String
    /// True for a resource that left Git and waits for a prune.
    public var requiresPruning: Bool

    public init(group: String, version: String, kind: String, namespace: String, name: String, status: SyncStatusCode,
        health: String? = nil, healthMessage: String = "", requiresPruning: Bool = false)
    {
        self.group = group
        self.version = version
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.status = status
        self.health = health
        self.healthMessage = healthMessage
        self.requiresPruning = requiresPruning
    }

    var node: YAMLNode {
        var pairs: [YAMLPair] = []
        if !group.isEmpty { pairs.append(YAMLPair("group", .string(group))) }
        pairs += [YAMLPair("version", .string(version)), YAMLPair("kind", .string(kind))]
        if !namespace.isEmpty { pairs.append(YAMLPair("namespace", .string(namespace))) }
        pairs += [YAMLPair("name", .string(name)), YAMLPair("status", .string(status.rawValue))]
        if let health {
            var h = [YAMLPair("status", .string(health))]
            if !healthMessage.isEmpty { h.append(YAMLPair("message", .string(healthMessage))) }
            pairs.append(YAMLPair("health", .mapping(h)))
        }
        if requiresPruning { pairs.append(YAMLPair("requiresPruning", .bool(true))) }
        return .mapping(pairs)
    }
}

/// An Application condition (`status.conditions[]`): Argo CD's shape is `type`, `message`,
/// `lastTransitionTime` (no status: a condition present is a problem reported).
public struct AppCondition: Sendable, Hashable {
    /// `ComparisonError`, `SyncError`, `InvalidSpecError`, `OrphanedResourceWarning`, …
    public var type: String
    public var message: String
    public var lastTransitionTime: String

    public init(type: String, message: String, lastTransitionTime: String = "") {
        self.type = type
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}

/// `status.operationState`.
public struct OperationState: Sendable, Hashable {
    public var phase: OperationPhase
    public var message: String
    public var startedAt: String
    public var finishedAt: String?
    /// The revision being (or last) synced: `syncResult.revision`.
    public var revision: String
    public var retryCount: Int
    /// `operation.initiatedBy.username`, or `automated`.
    public var initiatedBy: String
    public var prune: Bool

    public init(phase: OperationPhase, message: String, startedAt: String, finishedAt: String? = nil, revision: String,
        retryCount: Int = 0, initiatedBy: String = "automated", prune: Bool = false)
    {
        self.phase = phase
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.revision = revision
        self.retryCount = retryCount
        self.initiatedBy = initiatedBy
        self.prune = prune
    }
}

/// The Application's status as Argo CD fills it, so `argocd`, `kubectl` and dashboards read it.
public struct ApplicationStatus: Sendable, Hashable {
    public var sync: SyncStatusCode
    /// The revision the comparison was made at (`status.sync.revision`).
    public var syncRevision: String
    public var health: String
    public var healthMessage: String
    public var resources: [ResourceStatus]
    public var operationState: OperationState?
    public var conditions: [AppCondition]
    public var reconciledAt: String
    /// `status.summary.images`.
    public var images: [String]

    public init(sync: SyncStatusCode = .unknown, syncRevision: String = "", health: String = "Unknown", healthMessage: String = "",
        resources: [ResourceStatus] = [], operationState: OperationState? = nil, conditions: [AppCondition] = [],
        reconciledAt: String = "", images: [String] = [])
    {
        self.sync = sync
        self.syncRevision = syncRevision
        self.health = health
        self.healthMessage = healthMessage
        self.resources = resources
        self.operationState = operationState
        self.conditions = conditions
        self.reconciledAt = reconciledAt
        self.images = images
    }

    /// Reads what a previous reconcile wrote (missing fields take their defaults).
    public init(node: YAMLNode?) {
        self.init()
        guard let node else { return }
        sync = node.string(at: "sync", "status").flatMap(SyncStatusCode.init(rawValue:)) ?? .unknown
        syncRevision = node.string(at: "sync", "revision") ?? ""
        health = node.string(at: "health", "status") ?? "Unknown"
        healthMessage = node.string(at: "health", "message") ?? ""
        reconciledAt = node.string(at: "reconciledAt") ?? ""
        images = (node[path: ["summary", "images"]]?.items ?? []).compactMap(\.string)
        conditions = (node["conditions"]?.items ?? []).compactMap { c in
            c.string(at: "type").map { AppCondition(type: $0, message: c.string(at: "message") ?? "", lastTransitionTime: c.string(at: "lastTransitionTime") ?? "") }
        }
        resources = (node["resources"]?.items ?? []).compactMap { r in
            guard let kind = r.string(at: "kind"), let name = r.string(at: "name") else { return nil }
            return ResourceStatus(group: r.string(at: "group") ?? "", version: r.string(at: "version") ?? "", kind: kind,
                namespace: r.string(at: "namespace") ?? "", name: name,
                status: r.string(at: "status").flatMap(SyncStatusCode.init(rawValue:)) ?? .unknown,
                health: r.string(at: "health", "status"), healthMessage: r.string(at: "health", "message") ?? "",
                requiresPruning: r["requiresPruning"]?.boolValue ?? false)
        }
        if let o = node["operationState"], let phase = o.string(at: "phase").flatMap(OperationPhase.init(rawValue:)) {
            operationState = OperationState(phase: phase, message: o.string(at: "message") ?? "", startedAt: o.string(at: "startedAt") ?? "",
                finishedAt: o.string(at: "finishedAt"), revision: o.string(at: "syncResult", "revision") ?? o.string(at: "operation", "sync", "revision") ?? "",
                retryCount: o["retryCount"]?.intValue ?? 0, initiatedBy: o.string(at: "operation", "initiatedBy", "username") ?? "automated",
                prune: o[path: ["operation", "sync", "prune"]]?.boolValue ?? false)
        }
    }

    /// The same status without the reconcile time: what decides whether a write is needed.
    public var ignoringTime: ApplicationStatus {
        var s = self
        s.reconciledAt = ""
        return s
    }

    /// The `status` mapping in Argo CD's layout.
    public func node(source: ApplicationSource, destination: ApplicationDestination) -> YAMLNode {
        var src: [YAMLPair] = [YAMLPair("repoURL", .string(source.repoURL)), YAMLPair("path", .string(source.path)),
            YAMLPair("targetRevision", .string(source.targetRevision))]
        var dst: [YAMLPair] = []
        if let s = destination.server { dst.append(YAMLPair("server", .string(s))) }
        if let n = destination.name { dst.append(YAMLPair("name", .string(n))) }
        if let ns = destination.namespace { dst.append(YAMLPair("namespace", .string(ns))) }
        var syncPairs: [YAMLPair] = [YAMLPair("status", .string(sync.rawValue))]
        if !syncRevision.isEmpty { syncPairs.append(YAMLPair("revision", .string(syncRevision))) }
        syncPairs.append(YAMLPair("comparedTo", .mapping([YAMLPair("source", .mapping(src)), YAMLPair("destination", .mapping(dst))])))
        var healthPairs = [YAMLPair("status", .string(health))]
        if !healthMessage.isEmpty { healthPairs.append(YAMLPair("message", .string(healthMessage))) }
        var pairs: [YAMLPair] = [
            YAMLPair("sync", .mapping(syncPairs)), YAMLPair("health", .mapping(healthPairs)),
            YAMLPair("resources", .sequence(resources.map(\.node))), YAMLPair("sourceType", .string("Kustomize")),
            YAMLPair("summary", .mapping(images.isEmpty ? [] : [YAMLPair("images", .sequence(images.map { .string($0) }))])),
        ]
        if !reconciledAt.isEmpty { pairs.append(YAMLPair("reconciledAt", .string(reconciledAt))) }
        if !conditions.isEmpty {
            pairs.append(YAMLPair("conditions", .sequence(conditions.map { c in
                .mapping([YAMLPair("type", .string(c.type)), YAMLPair("message", .string(c.message)),
                    YAMLPair("lastTransitionTime", .string(c.lastTransitionTime))])
            })))
        }
        if let o = operationState {
            var op: [YAMLPair] = [
                YAMLPair("operation", .mapping([
                    YAMLPair("sync", .mapping([YAMLPair("revision", .string(o.revision)), YAMLPair("prune", .bool(o.prune))])),
                    YAMLPair("initiatedBy", .mapping(o.initiatedBy == "automated" ? [YAMLPair("automated", .bool(true))] : [YAMLPair("username", .string(o.initiatedBy))])),
                    YAMLPair("retry", .emptyMapping),
                ])),
                YAMLPair("phase", .string(o.phase.rawValue)), YAMLPair("message", .string(o.message)),
                YAMLPair("startedAt", .string(o.startedAt)),
            ]
            if let f = o.finishedAt { op.append(YAMLPair("finishedAt", .string(f))) }
            if o.retryCount > 0 { op.append(YAMLPair("retryCount", .int(o.retryCount))) }
            op.append(YAMLPair("syncResult", .mapping([YAMLPair("revision", .string(o.revision)), YAMLPair("source", .mapping(src))])))
            pairs.append(YAMLPair("operationState", .mapping(op)))
        }
        return .mapping(pairs)
    }
}
