import Foundation
import KealmYAML

/// What to render: one app directory of one commit, with its overrides.
public struct RenderRequest: Sendable, Hashable {
    public var repoURL: String
    public var commit: String
    /// The app directory, absolute in the repository (`/overlays/dev`).
    public var directory: String
    public var overrides: KustomizeOverrides?
    /// Bypass the render cache (`refresh: hard`).
    public var hard: Bool

    public init(repoURL: String, commit: String, directory: String, overrides: KustomizeOverrides? = nil, hard: Bool = false) {
        self.repoURL = repoURL
        self.commit = commit
        self.directory = directory
        self.overrides = overrides
        self.hard = hard
    }
}

/// A render's result.
public struct RenderResult: Sendable {
    public var manifests: [YAMLNode]
    /// True when the render cache answered (the engine did not run).
    public var fromCache: Bool

    public init(manifests: [YAMLNode], fromCache: Bool) {
        self.manifests = manifests
        self.fromCache = fromCache
    }
}

/// Git as the application controller sees it (implemented over the mirror cache and render cache).
public protocol GitEffects: Sendable {
    /// The commit a revision names now; `fetch` fetches the repository first (a refresh).
    func resolve(repoURL: String, revision: String, fetch: Bool) async throws -> String
    /// Renders an app directory at a commit, through the render cache unless `hard`.
    func render(_ request: RenderRequest) async throws -> RenderResult
}

/// The hub as the application controller sees it: ManifestWorks and the Application itself.
public protocol HubEffects: Sendable {
    /// The Application's ManifestWorks in a cluster namespace (label `kealm.io/application-name`).
    func works(cluster: String, application: String) async throws -> [YAMLNode]
    /// Server-side applies a ManifestWork; returns the stored object.
    func applyWork(_ work: YAMLNode) async throws -> YAMLNode
    /// Deletes a ManifestWork (absent is fine).
    func deleteWork(namespace: String, name: String) async throws
    /// Replaces `status` of the Application (status subresource).
    func updateStatus(of app: Application, status: YAMLNode) async throws
    /// Writes a new status (when not nil) and annotation changes (a nil value removes one) together:
    /// one request where the hub allows it (an Application without a status subresource, as Argo
    /// CD's CRD defines it), else the status and then the annotations.
    func write(status: YAMLNode?, annotations: [String: String?], of app: Application) async throws
    /// A JSON merge patch on the Application (annotations, finalizers, clearing `operation`).
    func patch(_ app: Application, mergePatch: YAMLNode) async throws
    /// A Kubernetes Event about the Application (best effort).
    func event(_ app: Application, type: String, reason: String, message: String) async
    /// The managed cluster a `destination.server` URL names, when known.
    func cluster(forServer server: String) async -> String?
}

extension HubEffects {
    public func write(status: YAMLNode?, annotations: [String: String?], of app: Application) async throws {
        if let status { try await updateStatus(of: app, status: status) }
        if !annotations.isEmpty { try await patch(app, mergePatch: ApplicationEffectsPatches.annotations(annotations)) }
    }
}

/// The merge patches the application controller writes.
public enum ApplicationEffectsPatches {
    /// `{"metadata":{"annotations":{…}}}`, a nil value as null (removes the annotation).
    public static func annotations(_ changes: [String: String?]) -> YAMLNode {
        let pairs = changes.sorted { $0.key < $1.key }.map { YAMLPair($0.key, $0.value.map { .string($0) } ?? .null) }
        return .mapping([YAMLPair("metadata", .mapping([YAMLPair("annotations", .mapping(pairs))]))])
    }
}

/// The time, read in one place.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The effects bundle of the application controller.
public struct ApplicationEffects: Sendable {
    public var git: any GitEffects
    public var hub: any HubEffects
    public var clock: any Clock

    public init(git: any GitEffects, hub: any HubEffects, clock: any Clock) {
        self.git = git
        self.hub = hub
        self.clock = clock
    }
}
