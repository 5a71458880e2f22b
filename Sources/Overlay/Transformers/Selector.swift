import KealmModel
import KealmYAML

/// A patch or replacement target: anchored regular expressions on group, version, kind, name
/// and namespace, plus label and annotation selectors (kustomize's `types.Selector`).
struct Selector {
    let target: PatchTarget
    let group, version, kind, name, namespace: Regex<AnyRegexOutput>?
    let labels: LabelSelector?
    let annotations: LabelSelector?

    init(_ t: PatchTarget, file: String) throws(OverlayError) {
        target = t
        func rx(_ s: String?, _ field: String) throws(OverlayError) -> Regex<AnyRegexOutput>? {
            guard let s, !s.isEmpty else { return nil }
            do { return try Regex("^(?:" + s + ")$") } catch {
                throw OverlayError(.invalid, "invalid regular expression \"\(s)\"", file: file, field: "target.\(field)")
            }
        }
        group = try rx(t.group, "group")
        version = try rx(t.version, "version")
        kind = try rx(t.kind, "kind")
        name = try rx(t.name, "name")
        namespace = try rx(t.namespace, "namespace")
        do {
            labels = try t.labelSelector.map { try LabelSelector(parsing: $0) }
            annotations = try t.annotationSelector.map { try LabelSelector(parsing: $0) }
        } catch {
            throw OverlayError(.invalid, "invalid selector: \(error)", file: file, field: "target")
        }
    }

    static func matches(_ r: Regex<AnyRegexOutput>?, _ s: String) -> Bool {
        guard let r else { return true }
        return (try? r.wholeMatch(in: s)) != nil
    }

    static func effectiveNamespace(_ id: ResID) -> String {
        if ClusterScope.isClusterScoped(id.gvk) { return "_non_namespaceable_" }
        return id.effectiveNamespace
    }

    func selects(_ r: Resource) -> Bool {
        let cur = r.id, org = r.originalID
        if namespace != nil && !Self.matches(namespace, Self.effectiveNamespace(org)) && !Self.matches(namespace, Self.effectiveNamespace(cur)) {
            return false
        }
        if name != nil && !Self.matches(name, org.name) && !Self.matches(name, cur.name) { return false }
        let gvk = cur.gvk
        if !Self.matches(group, gvk.group) || !Self.matches(version, gvk.version) || !Self.matches(kind, gvk.kind) { return false }
        if let labels, !labels.matches(r.labels) { return false }
        if let annotations, !annotations.matches(r.annotations) { return false }
        return true
    }

    /// Indices of the selected resources, in build order.
    func select(_ set: ResourceSet) -> [Int] {
        set.resources.indices.filter { selects(set.resources[$0]) }
    }
}
