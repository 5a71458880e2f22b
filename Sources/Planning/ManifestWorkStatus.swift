import Foundation
import Health
import KealmModel
import KealmYAML

/// The status contract between the agent (which writes a ManifestWork's status) and the
/// controller (which reads it), in OCM's upstream format.
///
/// Per manifest (`status.resourceStatus.manifests[]`): `resourceMeta` (ordinal, group, version,
/// kind, resource, namespace, name) and the conditions `Applied`, `Available` and Kealm's
/// `Health` (status `True` when Healthy or Suspended, reason = the health status, message = the
/// health message), each with `observedGeneration` = the ManifestWork generation it describes.
/// On the work (`status.conditions`): `Applied`, `Available`, `Progressing` (its message says
/// which wave runs and what it waits on) and `Degraded`.
public enum ManifestWorkStatus {
    /// The per-manifest condition type that carries health.
    public static let healthCondition = "Health"

    /// What the agent knows about one manifest.
    public struct Manifest: Sendable, Hashable {
        public var key: ResourceKey
        public var ordinal: Int
        public var version: String
        public var resource: String
        public var applied: Bool
        /// The object exists on the cluster.
        public var available: Bool
        public var health: HealthAssessment?
        /// Why applying failed, when it did.
        public var applyError: String?

        public init(key: ResourceKey, ordinal: Int, version: String, resource: String, applied: Bool, available: Bool,
            health: HealthAssessment?, applyError: String? = nil)
        {
            self.key = key
            self.ordinal = ordinal
            self.version = version
            self.resource = resource
            self.applied = applied
            self.available = available
            self.health = health
            self.applyError = applyError
        }
    }

    static func stamp(_ date: Date) -> String {
        // Formatted by hand: a Foundation date formatter per call cost the agents a third of their CPU.
        Timestamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down))).rfc3339
    }

    static func condition(_ type: String, _ ok: Bool, reason: String, message: String, generation: Int, at: Date) -> YAMLNode {
        .mapping([
            YAMLPair("type", .string(type)), YAMLPair("status", .string(ok ? "True" : "False")),
            YAMLPair("reason", .string(reason)), YAMLPair("message", .string(message)),
            YAMLPair("observedGeneration", .int(generation)), YAMLPair("lastTransitionTime", .string(stamp(at))),
        ])
    }

    /// One `resourceStatus.manifests[]` entry (agent side).
    public static func entry(_ m: Manifest, generation: Int, at: Date) -> YAMLNode {
        var meta: [YAMLPair] = [
            YAMLPair("ordinal", .int(m.ordinal)), YAMLPair("group", .string(m.key.group)), YAMLPair("version", .string(m.version)),
            YAMLPair("kind", .string(m.key.kind)), YAMLPair("resource", .string(m.resource)), YAMLPair("name", .string(m.key.name)),
        ]
        if !m.key.namespace.isEmpty { meta.append(YAMLPair("namespace", .string(m.key.namespace))) }
        var conditions = [
            condition("Applied", m.applied, reason: m.applied ? "AppliedManifestComplete" : "AppliedManifestFailed",
                message: m.applyError ?? (m.applied ? "Apply manifest complete" : "not applied yet"), generation: generation, at: at),
            condition("Available", m.available, reason: m.available ? "ResourceAvailable" : "ResourceNotAvailable",
                message: m.available ? "Resource is available" : "Resource is not available", generation: generation, at: at),
        ]
        if let h = m.health {
            conditions.append(condition(healthCondition, h.status == .healthy || h.status == .suspended, reason: h.status.rawValue,
                message: h.message.isEmpty ? h.status.rawValue : h.message, generation: generation, at: at))
        }
        return .mapping([YAMLPair("resourceMeta", .mapping(meta)), YAMLPair("conditions", .sequence(conditions))])
    }

    /// The work-level conditions (agent side) from the manifests and the sync's state.
    public static func conditions(_ manifests: [Manifest], run: SyncRun?, generation: Int, at: Date) -> [YAMLNode] {
        let notApplied = manifests.filter { !$0.applied }
        let degraded = manifests.filter { $0.health?.status == .degraded }
        let unavailable = manifests.filter { !$0.available }.count
        let allAvailable = unavailable == 0
        let progressing = run.map { !$0.isFinished } ?? false
        return [
            condition("Applied", notApplied.isEmpty, reason: notApplied.isEmpty ? "AppliedManifestWorkComplete" : "AppliedManifestWorkFailed",
                message: notApplied.isEmpty ? "Apply manifest work complete" : "\(notApplied.count) of \(manifests.count) manifests not applied: \(notApplied.prefix(3).map { $0.applyError ?? $0.key.description }.joined(separator: "; "))",
                generation: generation, at: at),
            condition("Available", allAvailable, reason: allAvailable ? "ResourcesAvailable" : "ResourcesNotAvailable",
                message: allAvailable ? "All resources are available" : "\(unavailable) of \(manifests.count) resources are not available", generation: generation, at: at),
            condition("Progressing", progressing, reason: progressing ? "WaveInProgress" : "WavesComplete",
                message: run?.message ?? "", generation: generation, at: at),
            condition("Degraded", !degraded.isEmpty || run?.phase == .failed, reason: degraded.isEmpty ? (run?.phase == .failed ? "SyncFailed" : "AsExpected") : "ResourceDegraded",
                message: degraded.isEmpty ? (run?.phase == .failed ? run!.message : "") : degraded.prefix(3).map { "\($0.key) Degraded: \($0.health!.message)" }.joined(separator: "; "),
                generation: generation, at: at),
        ]
    }

    /// Observations from all the ManifestWorks of one Application (a split work has several).
    public static func observations(works: [YAMLNode]) -> [ResourceKey: ManifestObservation] {
        works.reduce(into: [:]) { acc, w in acc.merge(observations(w)) { a, _ in a } }
    }

    /// Observations for the wave gate from a ManifestWork read on the hub (controller side).
    /// A manifest whose conditions describe an older generation of the work is marked not current.
    public static func observations(_ work: YAMLNode) -> [ResourceKey: ManifestObservation] {
        let generation = work[path: ["metadata", "generation"]]?.intValue
        var out: [ResourceKey: ManifestObservation] = [:]
        for m in work[path: ["status", "resourceStatus", "manifests"]]?.items ?? [] {
            guard let meta = m["resourceMeta"], let kind = meta.string(at: "kind"), let name = meta.string(at: "name") else { continue }
            let key = ResourceKey(group: meta.string(at: "group") ?? "", kind: kind, namespace: meta.string(at: "namespace") ?? "", name: name)
            let conditions = m["conditions"]?.items ?? []
            func find(_ t: String) -> YAMLNode? { conditions.first { $0.string(at: "type") == t } }
            let applied = find("Applied")?.string(at: "status") == "True"
            var health: HealthAssessment? = nil
            if let h = find(healthCondition), let status = HealthStatus(parsing: h.string(at: "reason") ?? "") {
                let message = h.string(at: "message") ?? ""
                health = HealthAssessment(status, message == status.rawValue ? "" : message)
            }
            let observed = conditions.compactMap { $0["observedGeneration"]?.intValue }.min()
            let current = generation.map { g in observed.map { $0 >= g } ?? false } ?? true
            out[key] = ManifestObservation(applied: applied, health: health, current: current)
        }
        return out
    }
}
