import KealmModel
import KealmYAML

/// Strategic merge as kustomize v5.5.0 applies `patchesStrategicMerge` and SMP `patches` (kyaml's
/// `merge2` with lists prepended): the patch's and the object's fields are walked in sorted key
/// order; maps merge, `null` deletes a field, `$patch: delete|replace|merge` is honoured on maps and
/// lists, lists with a `merge` strategy in the schema merge by their keys (the list-map keys when
/// given, e.g. `containerPort`+`protocol`, else the merge key) with the patch's items first, merged
/// scalar lists are unioned, and every other list is replaced. `$setElementOrder`, `$retainKeys` and
/// `$deleteFromPrimitiveList` are not special here (kustomize treats them as ordinary fields).
struct KustomizeMerge {
    let schema: PatchSchema

    enum Directive { case merge, replace, delete }

    /// Merges `patch` into `dest`; nil when the patch deletes the object.
    func merge(patch: YAMLNode, into dest: YAMLNode, root: FieldSchema) throws -> YAMLNode? {
        let result = try walk(RefNode(dest), RefNode(patch), root, path: [])
        return result?.node
    }

    func walk(_ dest: RefNode?, _ origin: RefNode?, _ field: FieldSchema, path: [String]) throws -> RefNode? {
        if origin == nil, let dest, !dest.isNull, isUntouchedClean(dest, field) { return dest }
        var field = field
        if field.type == .unknown, !field.mergeStrategy {
            for s in [dest, origin] where !s.isMissingOrNull {
                if let r = metaRoot(s!) { field = r; break }
            }
        }
        let kind = !dest.isMissingOrNull ? dest!.kind : (!origin.isMissingOrNull ? origin!.kind : nil)
        if let kind, (!dest.isMissingOrNull && dest!.kind != kind) || (!origin.isMissingOrNull && origin!.kind != kind) {
            throw PatchError.invalid(
                "the patch has a \(name(of: origin?.kind)) where the object has a \(name(of: dest?.kind))", at: path)
        }
        switch kind {
        case .mapping?, nil:
            return try walkMap(dest, origin, field, path)
        case .sequence?:
            if field.mergeStrategy { return try walkAssociative(dest, origin, field, path) }
            return origin ?? dest
        case .scalar?:
            return origin ?? dest
        }
    }

    func metaRoot(_ node: RefNode) -> FieldSchema? {
        guard node.kind == .mapping, let v = node.field("apiVersion")?.text, let k = node.field("kind")?.text,
            !v.isEmpty, !k.isEmpty
        else { return nil }
        let root = schema.root(for: GVK(apiVersion: v, kind: k))
        return root.type == .unknown ? nil : root
    }

    private func name(of kind: RefNode.Kind?) -> String {
        switch kind {
        case .mapping?: return "map"
        case .sequence?: return "list"
        case .scalar?: return "scalar"
        case nil: return "nothing"
        }
    }

    // MARK: maps

    private func walkMap(_ dest: RefNode?, _ origin: RefNode?, _ field: FieldSchema, _ path: [String]) throws -> RefNode? {
        let d: RefNode?
        if dest.isMissingOrNull {
            if (try? directive(origin, path)) == .delete { return nil }
            if origin == nil, let dest, !dest.scalar.value.isEmpty {
                let kept = RefNode(scalar: dest.scalar)
                kept.keepNull = true
                return kept
            }
            d = origin
        } else {
            d = try base(dest, origin, path)
        }
        guard let d else { return nil }
        var names = d.kind == .mapping ? d.keys.map(\.value) : []
        if let origin, origin !== d, origin.kind == .mapping { names += origin.keys.map(\.value) }
        names.sort()
        var previous: String?
        for key in names {
            if key == previous { continue }
            previous = key
            let originKey = origin?.keyScalar(key)
            let val = try walk(d.field(key), origin?.field(key), schema.child(field, key), path: path + [key])
            if let val, !(val.isNull && !val.keepNull) {
                d.setField(originKey ?? d.keyScalar(key) ?? YAMLScalar(key), val)
            } else {
                d.removeField(key)
            }
        }
        return d
    }

    /// The node to merge into when the object has a value: nil when the patch clears it (`null`,
    /// `$patch: delete`), the patch itself for `$patch: replace`, else the object's value.
    func base(_ dest: RefNode?, _ origin: RefNode?, _ path: [String]) throws -> RefNode? {
        if origin?.isNull == true { return nil }
        switch try directive(origin, path) {
        case .delete: return nil
        case .replace: return origin
        case .merge: return dest
        }
    }

    /// Reads and removes a `$patch` directive from a patch map or list.
    func directive(_ patch: RefNode?, _ path: [String]) throws -> Directive {
        guard let patch else { return .merge }
        switch patch.kind {
        case .mapping:
            guard let v = patch.field("$patch") else { return .merge }
            let d = try parseDirective(v.text, path)
            patch.removeField("$patch")
            return d
        case .sequence:
            guard let elem = patch.items.first(where: { $0.field("$patch") != nil }), elem.keys.count <= 1,
                let v = elem.field("$patch")?.text
            else { return .merge }
            let d = try parseDirective(v, path)
            ElementSetter.apply(&patch.items, element: nil, keys: ["$patch"], values: [v])
            return d
        case .scalar:
            throw PatchError.invalid("a strategic merge patch directive cannot apply to a scalar", at: path)
        }
    }

    private func parseDirective(_ v: String, _ path: [String]) throws -> Directive {
        switch v {
        case "delete": return .delete
        case "replace": return .replace
        case "merge": return .merge
        default: throw PatchError.invalid("unknown patch strategy '\(v)' (use delete, replace or merge)", at: path)
        }
    }
}
