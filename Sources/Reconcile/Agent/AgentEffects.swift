import Foundation
import KealmModel
import KealmYAML
import Planning

/// The member cluster, as the agent needs it. The KubeClient adapter implements it with
/// server-side apply and one watch per kind; unit tests use an in-memory double.
public protocol AgentMember: Sendable {
    /// The live objects among `resources` (absent from the answer = does not exist). Throws when
    /// the cluster cannot be read at all (unreachable, forbidden).
    func read(_ resources: [AppliedResource]) async throws -> [ResourceKey: YAMLNode]
    /// Writes one object by its strategy; returns the object as the server has it now.
    func write(_ request: ApplyRequest) async throws -> YAMLNode
    /// Deletes one object; returns it while finalizers hold it, nil once gone (or already gone).
    func delete(_ resource: AppliedResource) async throws -> YAMLNode?
    /// Plural resource names of kinds, from discovery (may be empty).
    func resourceNames() -> [GroupKind: String]
}

/// The hub, as the agent needs it: the work's finalizer, annotations and status, and events.
public protocol AgentHub: Sendable {
    func setFinalizer(_ work: ManifestWork, present: Bool) async throws
    func setAnnotations(_ work: ManifestWork, _ annotations: [String: String]) async throws
    func writeStatus(_ work: ManifestWork, _ status: YAMLNode) async throws
    func record(_ event: AgentEvent, about work: ManifestWork) async throws
}

/// Time, so tests can run the loop without waiting.
public protocol AgentClock: Sendable {
    var now: Date { get }
}

/// The wall clock.
public struct SystemClock: AgentClock {
    public init() {}
    public var now: Date { Date() }
}

/// The effects a work agent runs against.
public struct AgentEffects: Sendable {
    public var hub: any AgentHub
    public var member: any AgentMember
    public var clock: any AgentClock

    public init(hub: any AgentHub, member: any AgentMember, clock: any AgentClock = SystemClock()) {
        self.hub = hub
        self.member = member
        self.clock = clock
    }
}
