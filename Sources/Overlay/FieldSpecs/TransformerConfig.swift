import KealmModel
import KealmYAML

/// The field specs every builtin transformer works with, in kustomize's `configurations:` format.
/// The builtin set is data (`BuiltinFieldSpecs.yaml`); kustomizations add to it with
/// `configurations:` files and `crds:`.
public struct TransformerConfig: Sendable {
    public var namePrefix: [FieldSpec] = []
    public var nameSuffix: [FieldSpec] = []
    public var namespace: [FieldSpec] = []
    public var commonLabels: [FieldSpec] = []
    public var templateLabels: [FieldSpec] = []
    public var commonAnnotations: [FieldSpec] = []
    public var varReference: [FieldSpec] = []
    public var images: [FieldSpec] = []
    public var replicas: [FieldSpec] = []
    /// For each referenced kind, the fields of other objects that hold its name.
    public var nameReference: [NameBackReference] = []

    /// A kind whose name other objects refer to, and where.
    public struct NameBackReference: Sendable {
        public var group: String
        public var version: String
        public var kind: String
        public var referrers: [FieldSpec]
    }

    public init() {}

    /// Reads a configuration document.
    public init(node: YAMLNode, file: String) throws(OverlayError) {
        func specs(_ key: String) throws(OverlayError) -> [FieldSpec] {
            var out: [FieldSpec] = []
            for n in node[key]?.items ?? [] { out.append(try FieldSpec(node: n, file: file)) }
            return out
        }
        namePrefix = try specs("namePrefix")
        nameSuffix = try specs("nameSuffix")
        namespace = try specs("namespace")
        commonLabels = try specs("commonLabels")
        templateLabels = try specs("templateLabels")
        commonAnnotations = try specs("commonAnnotations")
        varReference = try specs("varReference")
        images = try specs("images")
        replicas = try specs("replicas")
        for n in node["nameReference"]?.items ?? [] {
            var refs: [FieldSpec] = []
            for f in n["fieldSpecs"]?.items ?? [] { refs.append(try FieldSpec(node: f, file: file)) }
            nameReference.append(NameBackReference(group: n.string(at: "group") ?? "", version: n.string(at: "version") ?? "",
                kind: n.string(at: "kind") ?? "", referrers: refs))
        }
    }

    /// Adds another configuration's specs.
    public mutating func merge(_ o: TransformerConfig) {
        namePrefix.merge(o.namePrefix)
        nameSuffix.merge(o.nameSuffix)
        namespace.merge(o.namespace)
        commonLabels.merge(o.commonLabels)
        templateLabels.merge(o.templateLabels)
        commonAnnotations.merge(o.commonAnnotations)
        varReference.merge(o.varReference)
        images.merge(o.images)
        replicas.merge(o.replicas)
        for r in o.nameReference {
            if let i = nameReference.firstIndex(where: { $0.group == r.group && $0.version == r.version && $0.kind == r.kind }) {
                nameReference[i].referrers.merge(r.referrers)
            } else {
                nameReference.append(r)
            }
        }
    }

    /// kustomize's builtin configuration (see `BuiltinFieldSpecs`).
    public static let builtin: TransformerConfig = BuiltinFieldSpecs.makeConfig()
}
