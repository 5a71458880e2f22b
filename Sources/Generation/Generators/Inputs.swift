import Foundation
import KealmModel
import KealmYAML

/// An Argo CD cluster: a Secret labelled `argocd.argoproj.io/secret-type: cluster`, or the
/// implicit in-cluster destination.
public struct ClusterSecret: Sendable, Hashable {
    /// The label (and value) that marks a Secret as an Argo CD cluster.
    public static let typeLabel = "argocd.argoproj.io/secret-type"
    public static let typeValue = "cluster"
    /// The implicit local cluster Argo CD always knows.
    public static let inCluster = ClusterSecret(secretName: "", name: "in-cluster", server: "https://kubernetes.default.svc")

    public var secretName: String
    public var namespace: String
    /// `data.name`: the cluster's name in Argo CD.
    public var name: String
    /// `data.server`: the API server URL.
    public var server: String
    /// `data.project`, or "".
    public var project: String
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(secretName: String, namespace: String = "", name: String, server: String, project: String = "",
        labels: [String: String] = [:], annotations: [String: String] = [:])
    {
        self.secretName = secretName
        self.namespace = namespace
        self.name = name
        self.server = server
        self.project = project
        self.labels = labels
        self.annotations = annotations
    }

    /// True for a Secret that declares an Argo CD cluster.
    public static func isClusterSecret(_ node: YAMLNode) -> Bool {
        node.string(at: "kind") == "Secret" && node.labels[typeLabel] == typeValue
    }

    /// Reads a cluster Secret; `data` is base64 (as the API holds it), `stringData` is plain text.
    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "Secret")
        func field(_ key: String) throws(ModelError) -> String? {
            if let s = try r.string(node[path: ["stringData", key]], "stringData.\(key)") { return s }
            guard let b64 = try r.string(node[path: ["data", key]], "data.\(key)") else { return nil }
            guard let d = Data(base64Encoded: b64) else { throw r.error("data.\(key)", "is not valid base64") }
            return String(decoding: d, as: UTF8.self)
        }
        guard let server = try field("server"), !server.isEmpty else {
            throw r.error("data.server", "an Argo CD cluster secret needs a server URL")
        }
        secretName = node.string(at: "metadata", "name") ?? ""
        namespace = node.string(at: "metadata", "namespace") ?? ""
        name = try field("name") ?? server
        self.server = server
        project = try field("project") ?? ""
        labels = node.labels
        annotations = node.annotations
    }
}

/// Read access to a Git repository's files at a revision, for the `git` generator.
/// Paths are relative to the repository root, slash-separated, without a leading slash.
/// The CLI implements it over a local checkout (`--repo-dir`); the fleet controller over a commit's
/// tree (`FleetGitRepos` in KealmApp).
public protocol RepoFiles: Sendable {
    /// Every directory (not hidden, not `.git`), sorted.
    func directories(repoURL: String, revision: String) throws -> [String]
    /// Every regular file, sorted.
    func files(repoURL: String, revision: String) throws -> [String]
    /// A file's bytes.
    func read(repoURL: String, revision: String, path: String) throws -> [UInt8]
}

/// What generators read besides the ApplicationSet: Argo CD clusters, objects for the
/// `clusterDecisionResource` generator (its ConfigMap and the duck-typed resources), and a repository.
public struct GenerationInputs: Sendable {
    public var clusterSecrets: [ClusterSecret]
    /// ConfigMaps and decision resources (e.g. PlacementDecisions).
    public var objects: [YAMLNode]
    /// The Argo CD namespace where the ConfigMap and decision resources live; nil accepts any (offline use).
    public var controllerNamespace: String?
    public var repo: (any RepoFiles)?

    public init(clusterSecrets: [ClusterSecret] = [], objects: [YAMLNode] = [], controllerNamespace: String? = nil,
        repo: (any RepoFiles)? = nil)
    {
        self.clusterSecrets = clusterSecrets
        self.objects = objects
        self.controllerNamespace = controllerNamespace
        self.repo = repo
    }
}

/// Why generation failed. A failure is never an empty result: the plan keeps existing
/// Applications and the ApplicationSet reports `ErrorOccurred`.
public struct GenerationError: KealmError {
    public var category: ErrorCategory
    /// The ApplicationSet condition reason (`ApplicationGenerationFromParamsError`, `RenderTemplateParamsError`…).
    public var reason: String
    public var message: String
    /// `ApplicationSet ns/name`.
    public var object: String
    /// Where in the spec, e.g. `spec.generators[0].matrix.generators[1]`.
    public var field: String?

    public init(_ category: ErrorCategory = .invalid, reason: String = "ApplicationGenerationFromParamsError", _ message: String,
        object: String = "", field: String? = nil)
    {
        self.category = category
        self.reason = reason
        self.message = message
        self.object = object
        self.field = field
    }

    public var description: String {
        var s = object.isEmpty ? "" : "\(object): "
        if let field { s += "\(field): " }
        return s + message
    }
}

extension GenerationInputs {
    /// Inputs from raw hub objects: Secrets labelled as Argo CD clusters become `clusterSecrets`
    /// (those that do not parse are returned in `errors`); every other object is available to the
    /// `clusterDecisionResource` generator.
    public static func from(objects: [YAMLNode], controllerNamespace: String?, repo: (any RepoFiles)? = nil)
        -> (inputs: GenerationInputs, errors: [ModelError])
    {
        var secrets: [ClusterSecret] = []
        var errors: [ModelError] = []
        var others: [YAMLNode] = []
        for o in objects {
            if ClusterSecret.isClusterSecret(o) {
                guard controllerNamespace == nil || o.string(at: "metadata", "namespace") == controllerNamespace else { continue }
                do { secrets.append(try ClusterSecret(node: o)) } catch { errors.append(error) }
            } else if o.string(at: "kind") != "Secret" {
                others.append(o)
            }
        }
        return (GenerationInputs(clusterSecrets: secrets, objects: others, controllerNamespace: controllerNamespace, repo: repo), errors)
    }
}
