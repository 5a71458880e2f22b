import KealmModel
import KealmYAML

/// One object in a build: its YAML tree plus what the engine remembers about it (its earlier
/// identities, for name-reference rewriting; generator behaviour; hash-suffix request).
public struct Resource: Sendable {
    /// The object.
    public var node: YAMLNode
    /// Identities this object had before renames (oldest first); the original id is first.
    var previousIDs: [ResID] = []
    /// Set by generators: `create`, `merge` or `replace`.
    var behavior: GeneratorBehavior = .none
    /// Set by generators unless `disableNameSuffixHash`: append a content hash to the name at the end.
    var needsHash = false
    /// True for generated ConfigMaps/Secrets (their names are not changed by later merges).
    var generated = false
    /// Names of vars that reference this object's fields.
    var refVarNames: [String] = []
    /// Name prefixes and suffixes applied so far (innermost first), for name references.
    var prefixes: [String] = []
    var suffixes: [String] = []
    /// The file the object was read from (resolved path), for origin annotations.
    var originFile: String?
    /// The generator that made the object: the kustomization file and the generator kind.
    var originGenerator: Provenance?
    /// Builtin transformers that changed the object: kustomization file and transformer kind.
    var transformations: [Provenance] = []

    public init(node: YAMLNode) { self.node = node }

    public var gvk: GVK { GVK(apiVersion: node.string(at: "apiVersion") ?? "", kind: node.string(at: "kind") ?? "") }
    public var name: String { node.string(at: "metadata", "name") ?? "" }
    public var namespace: String { node.string(at: "metadata", "namespace") ?? "" }

    /// The current identity.
    public var id: ResID { ResID(gvk: gvk, name: name, namespace: namespace) }

    /// The identity the object had when first loaded.
    var originalID: ResID { previousIDs.first ?? id }

    /// Every identity the object has had, the current one last.
    var allIDs: [ResID] { previousIDs + [id] }

    /// Records the current identity before a rename.
    mutating func rememberID() {
        let cur = id
        if previousIDs.last != cur { previousIDs.append(cur) }
    }

    mutating func setName(_ n: String) { node[path: ["metadata", "name"]] = .string(n) }
    mutating func setNamespace(_ n: String) { node[path: ["metadata", "namespace"]] = .string(n) }

    /// `Kind namespace/name` for messages.
    public var label: String {
        namespace.isEmpty ? "\(gvk.kind) \(name)" : "\(gvk.kind) \(namespace)/\(name)"
    }

    public var labels: [String: String] { node.labels }
    public var annotations: [String: String] { node.annotations }
}

/// How a generated object combines with an existing one of the same id.
enum GeneratorBehavior: String, Sendable {
    case none = "", create, merge, replace
}

/// Which configuration produced or changed an object (for `buildMetadata` annotations): the
/// file it is configured in and the builtin plugin kind, with the plugin object's name when a
/// plugin configuration object was used.
struct Provenance: Sendable {
    var file: String
    var kind: String
    var name: String? = nil
    var namespace: String? = nil
}
