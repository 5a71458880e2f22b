import KealmModel
import KealmYAML

/// Reads patch schema from `apiextensions.k8s.io/v1` CustomResourceDefinitions.
///
/// Each served version's `schema.openAPIV3Schema` becomes the root type of `group/version/Kind`.
/// `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` / `x-kubernetes-map-type` drive
/// server-side apply; strategic-merge strategies are read only where the CRD states them
/// (`x-kubernetes-patch-strategy`), so lists of custom resources are otherwise replaced by a
/// strategic merge patch, as kustomize does. (The API server refuses strategic merge patches for
/// custom resources altogether; that check belongs to the server.)
public enum CRDSchemaLoader {
    /// Loads every version of the given CRD objects; other objects are ignored.
    public static func load(_ crds: [YAMLNode]) -> PatchSchema {
        var builder = SchemaBuilder()
        for crd in crds where crd.string(at: "kind") == "CustomResourceDefinition" {
            guard let group = crd.string(at: "spec", "group"), let kind = crd.string(at: "spec", "names", "kind") else { continue }
            for version in crd[path: ["spec", "versions"]]?.items ?? [] {
                guard let v = version.string(at: "name"), let s = version[path: ["schema", "openAPIV3Schema"]] else { continue }
                let name = "crd.\(group).\(v).\(kind)"
                builder.defineObject(name, from: s)
                builder.schema.kinds[GVK(group: group, version: v, kind: kind)] = name
            }
            // apiextensions v1beta1 form: one schema for all versions.
            if let s = crd[path: ["spec", "validation", "openAPIV3Schema"]] {
                let versions = (crd[path: ["spec", "versions"]]?.items ?? []).compactMap { $0.string(at: "name") }
                for v in versions.isEmpty ? [crd.string(at: "spec", "version") ?? "v1"] : versions {
                    let name = "crd.\(group).\(v).\(kind)"
                    builder.defineObject(name, from: s)
                    builder.schema.kinds[GVK(group: group, version: v, kind: kind)] = name
                }
            }
        }
        builder.typeRootMetadata()
        return builder.schema
    }
}
