import KealmYAML

/// The resources one logical cluster serves: the built-in table plus the kinds of its
/// Established CustomResourceDefinitions.
public struct ResourceRegistry: Sendable {
    /// Custom resources by `group/version/plural`.
    private(set) var custom: [String: ResourceInfo] = [:]
    /// CRD name → the keys it registered.
    private var byCRD: [String: [String]] = [:]
    /// Custom resources by `group/version/plural` → printer, schema and selectable fields of their CRD version.
    private(set) var details: [String: CustomResourceDetails] = [:]

    private static let builtinIndex: [String: ResourceInfo] = {
        var d: [String: ResourceInfo] = [:]
        for r in BuiltinResources.all { d["\(r.group)/\(r.version)/\(r.plural)"] = r }
        return d
    }()

    public init() {}

    /// The resource served at `group/version/plural`, or nil.
    public func resource(group: String, version: String, plural: String) -> ResourceInfo? {
        let key = "\(group)/\(version)/\(plural)"
        return Self.builtinIndex[key] ?? custom[key]
    }

    /// Every served resource, built-ins first, in a stable order.
    public var all: [ResourceInfo] {
        BuiltinResources.all + custom.values.sorted { ($0.group, $0.version, $0.plural) < ($1.group, $1.version, $1.plural) }
    }

    /// The resource for an object's apiVersion and kind, or nil.
    public func resource(apiVersion: String, kind: String) -> ResourceInfo? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// Group → versions served, in discovery order (core group excluded).
    public var groups: [(group: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for r in all where !r.group.isEmpty {
            if versions[r.group] == nil { order.append(r.group) }
            if !(versions[r.group]?.contains(r.version) ?? false) { versions[r.group, default: []].append(r.version) }
        }
        return order.map { ($0, versions[$0]!) }
    }

    /// Registers (or re-registers) the kinds of a CRD. Returns the error text when the CRD is not servable.
    @discardableResult
    public mutating func register(crd: YAMLNode) -> String? {
        let name = crd.string(at: "metadata", "name") ?? ""
        unregister(crdName: name)
        guard let infos = Self.resources(ofCRD: crd) else { return "spec.group, spec.names.kind, spec.names.plural and spec.versions are required" }
        var keys: [String] = []
        for info in infos {
            let key = "\(info.group)/\(info.version)/\(info.plural)"
            if Self.builtinIndex[key] != nil { continue }
            custom[key] = info
            details[key] = CustomResourceDetails(crd: crd, version: info.version)
            keys.append(key)
        }
        byCRD[name] = keys
        return nil
    }

    /// Stops serving the kinds of a CRD.
    public mutating func unregister(crdName: String) {
        for k in byCRD[crdName] ?? [] {
            custom[k] = nil
            details[k] = nil
        }
        byCRD[crdName] = nil
    }

    /// The resources a CRD declares, one per served version; nil when the CRD lacks required fields.
    public static func resources(ofCRD crd: YAMLNode) -> [ResourceInfo]? {
        guard let group = crd.string(at: "spec", "group"), let kind = crd.string(at: "spec", "names", "kind"),
            let plural = crd.string(at: "spec", "names", "plural"), let versions = crd[path: ["spec", "versions"]]?.items,
            !versions.isEmpty
        else { return nil }
        let namespaced = (crd.string(at: "spec", "scope") ?? "Namespaced") == "Namespaced"
        let shortNames = (crd[path: ["spec", "names", "shortNames"]]?.items ?? []).compactMap(\.string)
        let categories = (crd[path: ["spec", "names", "categories"]]?.items ?? []).compactMap(\.string)
        let singular = crd.string(at: "spec", "names", "singular") ?? kind.lowercased()
        return versions.compactMap { v in
            guard let name = v.string(at: "name"), v["served"]?.boolValue ?? true else { return nil }
            return ResourceInfo(group: group, version: name, kind: kind, plural: plural, singular: singular, namespaced: namespaced,
                                shortNames: shortNames, hasStatus: v[path: ["subresources", "status"]] != nil,
                                categories: categories, isCustom: true)
        }
    }
}
