import KealmModel
import KealmYAML
import Patch

/// What one served version of a CRD adds to serving its objects: the Table printer of its
/// `additionalPrinterColumns`, the validation schema, the patch schema for server-side apply
/// (list types and map keys from the CRD), and its `selectableFields`.
struct CustomResourceDetails: Sendable {
    var printer: TablePrinter
    /// The version's `openAPIV3Schema`, or nil when it has none.
    var schema: CRDSchemaNode?
    /// The built-in patch schema with the CRD's types layered on top.
    var patchSchema: PatchSchema
    /// Extra field-selector labels (`spec.color`) from `selectableFields[].jsonPath`.
    var selectableFields: [String]

    init(crd: YAMLNode, version: String) {
        let v = (crd[path: ["spec", "versions"]]?.items ?? []).first { $0.string(at: "name") == version } ?? .emptyMapping
        printer = TablePrinter.custom(v["additionalPrinterColumns"]?.items ?? [])
        schema = v[path: ["schema", "openAPIV3Schema"]].map(CRDSchemaNode.init)
        patchSchema = PatchSchema.builtin.adding(CRDSchemaLoader.load([crd]))
        selectableFields = (v["selectableFields"]?.items ?? []).compactMap { $0.string(at: "jsonPath") }.map {
            $0.hasPrefix(".") ? String($0.dropFirst()) : $0
        }
    }
}

extension ResourceRegistry {
    /// The details of a custom resource's CRD version, or nil for built-in kinds.
    func customDetails(_ r: ResourceInfo) -> CustomResourceDetails? {
        r.isCustom ? details["\(r.group)/\(r.version)/\(r.plural)"] : nil
    }

    /// The patch schema server-side apply and managed fields use for a resource.
    func patchSchema(_ r: ResourceInfo) -> PatchSchema { customDetails(r)?.patchSchema ?? .builtin }
}
