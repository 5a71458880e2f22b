import Foundation
import KealmModel
import KealmYAML

/// A typed view of an Argo CD `Application` (`argoproj.io/v1alpha1`), the fields the application
/// controller reads. The object itself stays the source of truth: unknown fields are kept by the
/// hub and never rewritten here.
public struct Application: Sendable, Hashable {
    /// `argoproj.io/v1alpha1`, kind `Application`.
    public static let gvk = GVK(group: "argoproj.io", version: "v1alpha1", kind: "Application")
    /// The annotation that asks for a refresh (`normal` or `hard`).
    public static let refreshAnnotation = "argocd.argoproj.io/refresh"
    /// The finalizer that makes deleting the Application delete its resources (cascade).
    public static let resourcesFinalizer = "resources-finalizer.argocd.argoproj.io"
    /// The same finalizer with an explicit background propagation (Argo CD accepts both spellings).
    public static let backgroundFinalizer = "resources-finalizer.argocd.argoproj.io/background"
    /// Kealm's (and the ApplicationSet controller's) way to keep resources when the Application goes.
    public static let preserveAnnotation = "kealm.io/preserve-resources-on-deletion"

    public var name: String
    public var namespace: String
    public var uid: String
    public var generation: Int
    public var annotations: [String: String]
    public var labels: [String: String]
    public var finalizers: [String]
    /// Set when the Application is being deleted.
    public var deletionTimestamp: String?
    public var source: ApplicationSource
    public var destination: ApplicationDestination
    public var syncPolicy: SyncPolicy
    /// A requested operation (manual sync), as Argo CD writes it in `operation`.
    public var operation: SyncOperation?
    /// The status as last written (the controller's memory across restarts).
    public var status: ApplicationStatus

    /// `namespace/name`: the work-queue key and how messages name it.
    public var key: String { "\(namespace)/\(name)" }

    /// The refresh asked for by the annotation, if any (an unknown value counts as `normal`).
    public var refresh: RefreshMode? {
        guard let v = annotations[Self.refreshAnnotation] else { return nil }
        return RefreshMode(rawValue: v.lowercased()) ?? .normal
    }

    /// True when deleting the Application must delete its ManifestWorks (and so its resources).
    public var cascadesDeletion: Bool {
        (finalizers.contains(Self.resourcesFinalizer) || finalizers.contains(Self.backgroundFinalizer))
            && annotations[Self.preserveAnnotation] != "true"
    }

    public init(name: String, namespace: String, uid: String = "", generation: Int = 1, annotations: [String: String] = [:],
        labels: [String: String] = [:], finalizers: [String] = [], deletionTimestamp: String? = nil, source: ApplicationSource,
        destination: ApplicationDestination, syncPolicy: SyncPolicy = SyncPolicy(), operation: SyncOperation? = nil,
        status: ApplicationStatus = ApplicationStatus())
    {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.generation = generation
        self.annotations = annotations
        self.labels = labels
        self.finalizers = finalizers
        self.deletionTimestamp = deletionTimestamp
        self.source = source
        self.destination = destination
        self.syncPolicy = syncPolicy
        self.operation = operation
        self.status = status
    }

    /// Reads an Application object; errors name the field that has the wrong shape.
    public init(object: YAMLNode) throws(ModelError) {
        let r = FieldReader(object, kind: "Application")
        guard let name = try r.string(object[path: ["metadata", "name"]], "metadata.name") else {
            throw r.error("metadata.name", "an Application needs a name")
        }
        let spec = object["spec"]
        self.init(
            name: name, namespace: try r.string(object[path: ["metadata", "namespace"]], "metadata.namespace") ?? "",
            uid: object.string(at: "metadata", "uid") ?? "",
            generation: try r.int(object[path: ["metadata", "generation"]], "metadata.generation") ?? 1,
            annotations: object.annotations, labels: object.labels,
            finalizers: try r.strings(object[path: ["metadata", "finalizers"]], "metadata.finalizers"),
            deletionTimestamp: object.string(at: "metadata", "deletionTimestamp"),
            source: try ApplicationSource(spec?["source"] ?? spec?["sources"]?.items?.first, reader: r),
            destination: try ApplicationDestination(spec?["destination"], reader: r),
            syncPolicy: try SyncPolicy(spec?["syncPolicy"], reader: r),
            operation: try object["operation"].map { o throws(ModelError) in try SyncOperation(o, reader: r) },
            status: ApplicationStatus(node: object["status"]))
    }
}

/// `argocd.argoproj.io/refresh` values.
public enum RefreshMode: String, Sendable, Hashable {
    /// Fetch the repository and compare again (the render cache may answer).
    case normal
    /// Also bypass the render cache (Argo CD: invalidate the manifest cache).
    case hard
}

/// `spec.destination`: where the resources go. On a hub, the destination names the managed cluster,
/// whose namespace holds the ManifestWorks.
public struct ApplicationDestination: Sendable, Hashable {
    public var server: String?
    public var name: String?
    public var namespace: String?

    public init(server: String? = nil, name: String? = nil, namespace: String? = nil) {
        self.server = server
        self.name = name
        self.namespace = namespace
    }

    init(_ node: YAMLNode?, reader r: FieldReader) throws(ModelError) {
        self.init(server: try r.string(node?["server"], "spec.destination.server"), name: try r.string(node?["name"], "spec.destination.name"),
            namespace: try r.string(node?["namespace"], "spec.destination.namespace"))
    }
}

/// `operation`: a sync someone asked for (`kealm sync`, `argocd app sync`, or the UI).
public struct SyncOperation: Sendable, Hashable {
    /// `operation.sync.revision`: sync this revision instead of the target revision.
    public var revision: String?
    /// `operation.sync.prune`.
    public var prune: Bool
    /// `operation.sync.syncOptions`, over the Application's.
    public var syncOptions: [String]
    /// `operation.initiatedBy.username` (or `automated`).
    public var initiatedBy: String

    public init(revision: String? = nil, prune: Bool = false, syncOptions: [String] = [], initiatedBy: String = "") {
        self.revision = revision
        self.prune = prune
        self.syncOptions = syncOptions
        self.initiatedBy = initiatedBy
    }

    init(_ node: YAMLNode, reader r: FieldReader) throws(ModelError) {
        let sync = node["sync"]
        let who = node["initiatedBy"]
        self.init(revision: try r.string(sync?["revision"], "operation.sync.revision").flatMap { $0.isEmpty ? nil : $0 },
            prune: try r.bool(sync?["prune"], "operation.sync.prune") ?? false,
            syncOptions: try r.strings(sync?["syncOptions"], "operation.sync.syncOptions"),
            initiatedBy: who?.string(at: "username") ?? (who?["automated"]?.boolValue == true ? "automated" : ""))
    }
}
