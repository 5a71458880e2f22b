import KealmModel
import KealmYAML

/// A `kustomization.yaml` (or a `Component`): what to load and how to transform it.
///
/// Fields keep the kustomize names. Legacy fields (`bases`, `patchesStrategicMerge`,
/// `patchesJson6902`, `imageTags`) are read as kustomize v5.5.0 reads them.
public struct Kustomization: Sendable {
    public var isComponent = false
    public var resources: [String] = []
    public var components: [String] = []
    public var namePrefix = ""
    public var nameSuffix = ""
    public var namespace = ""
    public var commonLabels: [(String, String)] = []
    public var labels: [LabelGroup] = []
    public var commonAnnotations: [(String, String)] = []
    /// `patchesStrategicMerge`: file paths or inline patch documents.
    public var patchesStrategicMerge: [String] = []
    public var patches: [PatchSpec] = []
    public var patchesJson6902: [PatchSpec] = []
    public var images: [YAMLNode] = []
    public var replicas: [YAMLNode] = []
    public var configMapGenerator: [GeneratorArgs] = []
    public var secretGenerator: [GeneratorArgs] = []
    public var generatorOptions: GeneratorOptions?
    public var vars: [YAMLNode] = []
    public var replacements: [YAMLNode] = []
    public var crds: [String] = []
    public var configurations: [String] = []
    public var openapiPath: String?
    public var openapiVersion: String?
    public var sortOrder: String?
    public var sortFirst: [String]?
    public var sortLast: [String]?
    public var buildMetadata: [String] = []
    public var transformers: [String] = []
    public var generators: [String] = []
    public var validators: [String] = []
    /// The raw document.
    public var node: YAMLNode

    /// One entry of `labels:`.
    public struct LabelGroup: Sendable {
        public var pairs: [(String, String)]
        public var includeSelectors: Bool
        public var includeTemplates: Bool
        public var fields: [FieldSpec]
    }

    /// One entry of `patches:` / `patchesJson6902:`.
    public struct PatchSpec: Sendable {
        public var path: String?
        public var patch: String?
        public var target: PatchTarget?
        public var allowNameChange = false
        public var allowKindChange = false
    }

    static let knownFields: Set<String> = [
        "apiVersion", "kind", "metadata", "resources", "bases", "components", "namePrefix", "nameSuffix",
        "namespace", "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge", "patches",
        "patchesJson6902", "images", "imageTags", "replicas", "configMapGenerator", "secretGenerator",
        "generatorOptions", "vars", "replacements", "crds", "configurations", "openapi", "sortOptions",
        "buildMetadata", "transformers", "generators", "validators", "helmCharts", "helmGlobals",
        "helmChartInflationGenerator",
    ]

    /// Reads a kustomization document.
    public init(node: YAMLNode, file: String) throws(OverlayError) {
        self.node = node
        guard let pairs = node.pairs else {
            if node.isNull { return }
            throw OverlayError(.invalid, "a kustomization must be a mapping", file: file)
        }
        // Field names match case-insensitively and unknown fields are ignored, as with Go's JSON decoding.
        var node = node
        var canonical: [String: String] = [:]
        for f in Self.knownFields { canonical[f.lowercased()] = f }
        if pairs.contains(where: { !Self.knownFields.contains($0.key.value) }) {
            node = .mapping(pairs.compactMap { p in
                guard let name = canonical[p.key.value.lowercased()] else { return nil }
                return YAMLPair(key: YAMLScalar(name), value: p.value)
            })
            self.node = node
        }
        let kind = node.string(at: "kind") ?? ""
        isComponent = kind == "Component"
        if isComponent, let av = node.string(at: "apiVersion"), av != "kustomize.config.k8s.io/v1alpha1" {
            throw OverlayError(.invalid, "apiVersion for Component should be kustomize.config.k8s.io/v1alpha1", file: file,
                field: "apiVersion")
        }
        if !kind.isEmpty && kind != "Kustomization" && kind != "Component" {
            throw OverlayError(.invalid, "kind \"\(kind)\" is not Kustomization or Component", file: file, field: "kind")
        }
        func strings(_ key: String) throws(OverlayError) -> [String] {
            guard let v = node[key], !v.isNull else { return [] }
            guard let items = v.items else {
                throw OverlayError(.invalid, "\(key) must be a list of strings", file: file, field: key)
            }
            var out: [String] = []
            for i in items {
                guard let s = i.scalar?.value else {
                    throw OverlayError(.invalid, "\(key) must be a list of strings", file: file, field: key)
                }
                out.append(s)
            }
            return out
        }
        func pairsOf(_ v: YAMLNode?) -> [(String, String)] {
            (v?.pairs ?? []).map { ($0.key.value, $0.value.scalar.map { $0.value } ?? "") }
        }
        resources = try strings("resources") + strings("bases")
        components = try strings("components")
        namePrefix = node.string(at: "namePrefix") ?? ""
        nameSuffix = node.string(at: "nameSuffix") ?? ""
        namespace = node.string(at: "namespace") ?? ""
        commonLabels = pairsOf(node["commonLabels"])
        commonAnnotations = pairsOf(node["commonAnnotations"])
        for l in node["labels"]?.items ?? [] {
            labels.append(LabelGroup(pairs: pairsOf(l["pairs"]), includeSelectors: l["includeSelectors"]?.boolValue ?? false,
                includeTemplates: l["includeTemplates"]?.boolValue ?? false,
                fields: try (l["fields"]?.items ?? []).map { (f) throws(OverlayError) in try FieldSpec(node: f, file: file) }))
        }
        for p in node["patchesStrategicMerge"]?.items ?? [] {
            if let s = p.scalar?.value { patchesStrategicMerge.append(s) }
        }
        patches = try (node["patches"]?.items ?? []).map { (p) throws(OverlayError) in try Self.patchSpec(p, file: file, field: "patches") }
        patchesJson6902 = try (node["patchesJson6902"]?.items ?? []).map { (p) throws(OverlayError) in
            try Self.patchSpec(p, file: file, field: "patchesJson6902")
        }
        images = (node["images"]?.items ?? []) + (node["imageTags"]?.items ?? [])
        replicas = node["replicas"]?.items ?? []
        configMapGenerator = try (node["configMapGenerator"]?.items ?? []).map { (g) throws(OverlayError) in try GeneratorArgs(node: g, file: file) }
        secretGenerator = try (node["secretGenerator"]?.items ?? []).map { (g) throws(OverlayError) in try GeneratorArgs(node: g, file: file) }
        if let g = node["generatorOptions"], !g.isNull { generatorOptions = GeneratorOptions(node: g) }
        vars = node["vars"]?.items ?? []
        replacements = node["replacements"]?.items ?? []
        crds = try strings("crds")
        configurations = try strings("configurations")
        openapiPath = node.string(at: "openapi", "path")
        openapiVersion = node.string(at: "openapi", "version")
        if let v = openapiVersion {
            if openapiPath != nil {
                throw OverlayError(.invalid, "builtin version and custom schema provided, cannot use both", file: file, field: "openapi")
            }
            if v != "v1.21.2" && v != "v1212" {
                throw OverlayError(.invalid, "the specified OpenAPI version is not built in", file: file, field: "openapi.version",
                    hint: "omit openapi.version, or give a schema file with openapi.path")
            }
        }
        if let so = node["sortOptions"], !so.isNull {
            sortOrder = so.string(at: "order")
            sortFirst = so[path: ["legacySortOptions", "orderFirst"]]?.items?.compactMap(\.string)
            sortLast = so[path: ["legacySortOptions", "orderLast"]]?.items?.compactMap(\.string)
            let hasLegacy = so["legacySortOptions"] != nil
            switch sortOrder {
            case "fifo" where hasLegacy:
                throw OverlayError(.invalid, "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
                    file: file, field: "sortOptions")
            case "fifo", "legacy": break
            case nil:
                throw OverlayError(.invalid, "the field 'sortOptions.order' must be set (legacy or fifo)", file: file, field: "sortOptions.order")
            default:
                throw OverlayError(.invalid, "the field 'sortOptions.order' must be legacy or fifo, not \(sortOrder!)", file: file,
                    field: "sortOptions.order")
            }
        }
        buildMetadata = try strings("buildMetadata")
        transformers = try strings("transformers")
        generators = try strings("generators")
        validators = try strings("validators")
        if node["helmCharts"] != nil || node["helmChartInflationGenerator"] != nil {
            throw OverlayError(.invalid, "helm charts are not supported", file: file, field: "helmCharts",
                hint: "render the chart first and list the output under resources")
        }
    }

    static func patchSpec(_ p: YAMLNode, file: String, field: String) throws(OverlayError) -> PatchSpec {
        var spec = PatchSpec()
        spec.path = p.string(at: "path")
        spec.patch = p.string(at: "patch")
        if let t = p["target"], !t.isNull { spec.target = PatchTarget(node: t) }
        spec.allowNameChange = p[path: ["options", "allowNameChange"]]?.boolValue ?? false
        spec.allowKindChange = p[path: ["options", "allowKindChange"]]?.boolValue ?? false
        if spec.path == nil && spec.patch == nil {
            throw OverlayError(.invalid, "a patch needs either path or patch", file: file, field: field)
        }
        if spec.path != nil && spec.patch != nil {
            throw OverlayError(.invalid, "a patch cannot have both path and patch", file: file, field: field,
                hint: "keep one of them")
        }
        return spec
    }
}

/// Which resources a patch or transformer applies to (`target:` / `select:`).
public struct PatchTarget: Sendable {
    public var group: String?
    public var version: String?
    public var kind: String?
    public var name: String?
    public var namespace: String?
    public var labelSelector: String?
    public var annotationSelector: String?

    init(node: YAMLNode) {
        group = node.string(at: "group")
        version = node.string(at: "version")
        kind = node.string(at: "kind")
        name = node.string(at: "name")
        namespace = node.string(at: "namespace")
        labelSelector = node.string(at: "labelSelector")
        annotationSelector = node.string(at: "annotationSelector")
    }
}
