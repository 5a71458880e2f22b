import KealmYAML

/// How kustomize combines field-spec lists when configurations meet (`configurations:`, bases,
/// components, `crds:`), as opposed to the plain union a single transformer uses.
///
/// An incoming spec is dropped when the list already holds a spec for the same path that the
/// incoming spec's group/version/kind *selects* (empty parts are wildcards). After each merge the
/// list is sorted by kind rank (kustomize's legacy kind order) and then `group_version_kind`, so
/// kind-specific specs come before the catch-all ones. The consequence users see: a
/// `configurations:` file that names `namePrefix` for some kinds replaces the catch-all
/// `metadata/name` spec, because the catch-all, sorted last, is dropped by the next merge.
extension Array where Element == FieldSpec {
    /// This list with `incoming` merged in and the result sorted, or a conflict error when a spec
    /// for the same field differs only in `create`.
    func mergedAsKustomize(_ incoming: [FieldSpec], file: String, field: String) throws(OverlayError) -> [FieldSpec] {
        var result = self
        for spec in incoming {
            if let i = result.firstIndex(where: { $0.path == spec.path && spec.selects($0) }) {
                if result[i].create != spec.create {
                    throw OverlayError(.invalid,
                        "conflicting field specs for '\(spec.path.joined(separator: "/"))' on \(spec.selectorText): one sets create: true, the other not",
                        file: file, field: field, hint: "make both field specs agree on `create`")
                }
                continue
            }
            result.append(spec)
        }
        return result.sortedAsKustomize()
    }

    /// Sorted by kind rank, then `group_version_kind` with `~G`/`~V`/`~K` for empty parts; ties keep
    /// their order.
    func sortedAsKustomize() -> [FieldSpec] {
        enumerated().map { (rank: LegacyOrder.kindRank($0.element.kind ?? ""), key: $0.element.sortKey, index: $0.offset, spec: $0.element) }
            .sorted { a, b in
                if a.rank != b.rank { return a.rank < b.rank }
                if a.key != b.key { return a.key < b.key }
                return a.index < b.index
            }
            .map(\.spec)
    }
}

extension FieldSpec {
    /// True when this spec's group/version/kind, read as a selector, matches `other`'s.
    func selects(_ other: FieldSpec) -> Bool {
        if let g = group, !g.isEmpty, g != (other.group ?? "") { return false }
        if let v = version, !v.isEmpty, v != (other.version ?? "") { return false }
        if let k = kind, !k.isEmpty, k != (other.kind ?? "") { return false }
        return true
    }

    var sortKey: String {
        func part(_ s: String?, _ empty: String) -> String { (s?.isEmpty ?? true) ? empty : s! }
        return part(group, "~G") + "_" + part(version, "~V") + "_" + part(kind, "~K")
    }

    var selectorText: String {
        let parts = [group, version, kind].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? "every kind" : parts.joined(separator: "/")
    }
}

extension TransformerConfig {
    /// Every field-spec list sorted as kustomize sorts a configuration it has just read.
    func sortedAsKustomize() -> TransformerConfig {
        var c = self
        c.namePrefix = namePrefix.sortedAsKustomize()
        c.nameSuffix = nameSuffix.sortedAsKustomize()
        c.namespace = namespace.sortedAsKustomize()
        c.commonLabels = commonLabels.sortedAsKustomize()
        c.templateLabels = templateLabels.sortedAsKustomize()
        c.labels = labels.sortedAsKustomize()
        c.commonAnnotations = commonAnnotations.sortedAsKustomize()
        c.varReference = varReference.sortedAsKustomize()
        c.images = images.sortedAsKustomize()
        c.replicas = replicas.sortedAsKustomize()
        return c
    }

    /// kustomize's configuration merge: every field-spec list merged and sorted as above; name
    /// references joined by referenced kind.
    func mergedAsKustomize(_ o: TransformerConfig, file: String) throws(OverlayError) -> TransformerConfig {
        var m = self
        m.namePrefix = try namePrefix.mergedAsKustomize(o.namePrefix, file: file, field: "namePrefix")
        m.nameSuffix = try nameSuffix.mergedAsKustomize(o.nameSuffix, file: file, field: "nameSuffix")
        m.namespace = try namespace.mergedAsKustomize(o.namespace, file: file, field: "namespace")
        m.commonLabels = try commonLabels.mergedAsKustomize(o.commonLabels, file: file, field: "commonLabels")
        m.templateLabels = try templateLabels.mergedAsKustomize(o.templateLabels, file: file, field: "templateLabels")
        m.labels = try labels.mergedAsKustomize(o.labels, file: file, field: "labels")
        m.commonAnnotations = try commonAnnotations.mergedAsKustomize(o.commonAnnotations, file: file, field: "commonAnnotations")
        m.varReference = try varReference.mergedAsKustomize(o.varReference, file: file, field: "varReference")
        m.images = try images.mergedAsKustomize(o.images, file: file, field: "images")
        m.replicas = try replicas.mergedAsKustomize(o.replicas, file: file, field: "replicas")
        for r in o.nameReference {
            if let i = m.nameReference.firstIndex(where: { $0.group == r.group && $0.version == r.version && $0.kind == r.kind }) {
                m.nameReference[i].referrers.merge(r.referrers)
            } else {
                m.nameReference.append(r)
            }
        }
        return m
    }
}
