import KealmYAML

/// CustomResourceDefinitions for the upstream kinds Kealm keeps on a hub (OCM cluster, work and
/// apps APIs; Argo CD's Application and ApplicationSet). `kealm up` installs them on its embedded
/// hub; a real OCM + Argo CD hub already has them. Schemas preserve unknown fields: validation is
/// the typed views' job.
public enum HubCRDs {
    struct Kind {
        var group: String
        var version: String
        var kind: String
        var plural: String
        var namespaced: Bool
        var shortNames: [String]
        /// Argo CD's Application CRD has no status subresource (its controller patches the object).
        var statusSubresource = true
    }

    static let kinds: [Kind] = [
        Kind(group: "cluster.open-cluster-management.io", version: "v1", kind: "ManagedCluster", plural: "managedclusters",
            namespaced: false, shortNames: ["mcl", "mcls"]),
        Kind(group: "cluster.open-cluster-management.io", version: "v1beta2", kind: "ManagedClusterSet", plural: "managedclustersets",
            namespaced: false, shortNames: ["mclset", "mclsets"]),
        Kind(group: "cluster.open-cluster-management.io", version: "v1beta2", kind: "ManagedClusterSetBinding",
            plural: "managedclustersetbindings", namespaced: true, shortNames: ["mclsetbinding", "mclsetbindings"]),
        Kind(group: "cluster.open-cluster-management.io", version: "v1beta1", kind: "Placement", plural: "placements",
            namespaced: true, shortNames: ["plc"]),
        Kind(group: "cluster.open-cluster-management.io", version: "v1beta1", kind: "PlacementDecision", plural: "placementdecisions",
            namespaced: true, shortNames: []),
        Kind(group: "cluster.open-cluster-management.io", version: "v1alpha1", kind: "AddOnPlacementScore",
            plural: "addonplacementscores", namespaced: true, shortNames: []),
        Kind(group: "apps.open-cluster-management.io", version: "v1beta1", kind: "GitOpsCluster", plural: "gitopsclusters",
            namespaced: true, shortNames: []),
        Kind(group: "argoproj.io", version: "v1alpha1", kind: "Application", plural: "applications", namespaced: true,
            shortNames: ["app", "apps"], statusSubresource: false),
        Kind(group: "argoproj.io", version: "v1alpha1", kind: "ApplicationSet", plural: "applicationsets", namespaced: true,
            shortNames: ["appset", "appsets"]),
        Kind(group: "work.open-cluster-management.io", version: "v1", kind: "ManifestWork", plural: "manifestworks",
            namespaced: true, shortNames: ["mw"]),
    ]

    /// The CRD objects.
    public static var all: [YAMLNode] { kinds.map(crd) }

    static func crd(_ k: Kind) -> YAMLNode {
        let names: [YAMLPair] = [
            YAMLPair("kind", .string(k.kind)), YAMLPair("listKind", .string(k.kind + "List")),
            YAMLPair("plural", .string(k.plural)), YAMLPair("singular", .string(k.kind.lowercased())),
        ] + (k.shortNames.isEmpty ? [] : [YAMLPair("shortNames", .sequence(k.shortNames.map { .string($0) }))])
        let version: YAMLNode = .mapping([
            YAMLPair("name", .string(k.version)), YAMLPair("served", .bool(true)), YAMLPair("storage", .bool(true)),
            YAMLPair("subresources", .mapping(k.statusSubresource ? [YAMLPair("status", .mapping([]))] : [])),
            YAMLPair("schema", .mapping([YAMLPair("openAPIV3Schema", .mapping([
                YAMLPair("type", .string("object")), YAMLPair("x-kubernetes-preserve-unknown-fields", .bool(true)),
            ]))])),
        ])
        return .mapping([
            YAMLPair("apiVersion", .string("apiextensions.k8s.io/v1")),
            YAMLPair("kind", .string("CustomResourceDefinition")),
            YAMLPair("metadata", .mapping([YAMLPair("name", .string("\(k.plural).\(k.group)"))])),
            YAMLPair("spec", .mapping([
                YAMLPair("group", .string(k.group)),
                YAMLPair("names", .mapping(names)),
                YAMLPair("scope", .string(k.namespaced ? "Namespaced" : "Cluster")),
                YAMLPair("versions", .sequence([version])),
            ])),
        ])
    }
}
