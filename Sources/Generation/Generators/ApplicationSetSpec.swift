import KealmModel
import KealmYAML

/// A typed view of an `argoproj.io/v1alpha1` ApplicationSet: what generation and the plan read.
public struct ApplicationSetSpec: Sendable {
    public var namespace: String
    public var name: String
    public var uid: String?
    /// `spec.generators`, kept as nodes (generators nest and are interpolated as data).
    public var generators: [YAMLNode]
    /// `spec.template`.
    public var template: YAMLNode
    /// `spec.templatePatch` (Go template text producing a patch), if any.
    public var templatePatch: String?
    public var goTemplate: Bool
    public var goTemplateOptions: [String]
    /// `spec.syncPolicy.applicationsSync`: `sync` (default), `create-only`, `create-update`, `create-delete`.
    public var applicationsSync: String
    /// `spec.syncPolicy.preserveResourcesOnDeletion`.
    public var preserveResourcesOnDeletion: Bool
    /// `spec.preservedFields`: annotation and label keys kept from existing Applications.
    public var preservedAnnotations: [String]
    public var preservedLabels: [String]
    public var object: YAMLNode

    /// `ApplicationSet ns/name`.
    public var displayName: String { "ApplicationSet \(namespace)/\(name)" }

    /// Reads an ApplicationSet.
    public init(node: YAMLNode, defaultNamespace: String = "argocd") throws(ModelError) {
        let r = FieldReader(node, kind: "ApplicationSet")
        guard let name = try r.string(node[path: ["metadata", "name"]], "metadata.name"), !name.isEmpty else {
            throw r.error("metadata.name", "an ApplicationSet needs a name")
        }
        self.name = name
        namespace = try r.string(node[path: ["metadata", "namespace"]], "metadata.namespace") ?? defaultNamespace
        uid = node.string(at: "metadata", "uid")
        let spec = node["spec"]
        generators = try r.items(spec?["generators"], "spec.generators")
        if generators.isEmpty { throw r.error("spec.generators", "an ApplicationSet needs at least one generator") }
        template = spec?["template"] ?? .emptyMapping
        if template.pairs == nil { throw r.error("spec.template", "expected a mapping") }
        templatePatch = try r.string(spec?["templatePatch"], "spec.templatePatch")
        goTemplate = try r.bool(spec?["goTemplate"], "spec.goTemplate") ?? false
        goTemplateOptions = try r.strings(spec?["goTemplateOptions"], "spec.goTemplateOptions")
        applicationsSync = try r.string(spec?[path: ["syncPolicy", "applicationsSync"]], "spec.syncPolicy.applicationsSync") ?? "sync"
        guard ["sync", "create-only", "create-update", "create-delete"].contains(applicationsSync) else {
            throw r.error("spec.syncPolicy.applicationsSync", "unknown policy '\(applicationsSync)'",
                hint: "use sync, create-only, create-update or create-delete")
        }
        preserveResourcesOnDeletion = try r.bool(spec?[path: ["syncPolicy", "preserveResourcesOnDeletion"]],
            "spec.syncPolicy.preserveResourcesOnDeletion") ?? false
        preservedAnnotations = try r.strings(spec?[path: ["preservedFields", "annotations"]], "spec.preservedFields.annotations")
        preservedLabels = try r.strings(spec?[path: ["preservedFields", "labels"]], "spec.preservedFields.labels")
        object = node
    }
}
