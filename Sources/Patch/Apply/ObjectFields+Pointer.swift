import KealmModel
import KealmYAML

extension ObjectFields {
    /// The field path that a JSON pointer names in `object`, for matching pointers (as in Argo CD's
    /// `ignoreDifferences.jsonPointers`) against owned fields and diffs. List indices become the
    /// item's key (`k:{…}`) or value (`v:…`); a pointer into an atomic list or map stops at that
    /// list or map, which is the owned leaf. Nil when the pointer names nothing in the object.
    public static func fieldPath(for pointer: JSONPointer, in object: YAMLNode, schema: PatchSchema, gvk: GVK? = nil) -> FieldPath? {
        var field = gvk.map { schema.root(for: $0) } ?? .of(.unknown)
        if field.type == .unknown { field = schema.root(of: object) }
        var node = object
        var path = FieldPath([])
        for token in pointer.tokens {
            switch node {
            case .mapping:
                if !path.elements.isEmpty && schema.isAtomicObject(field) { return path }
                guard let child = node[token] else { return nil }
                field = schema.child(field, token)
                path = path.appending(.field(token))
                node = child
            case .sequence(let items):
                guard let i = JSONPointer.index(token, count: items.count) else { return nil }
                let item = items[i]
                switch field.listType {
                case .atomic:
                    return path
                case .set:
                    return path.appending(.value(JSON.encode(item)))
                case .map:
                    guard let e = itemElement(item, field) else { return path }
                    path = path.appending(e)
                }
                field = schema.element(field)
                node = item
            case .scalar:
                return nil
            }
        }
        return path
    }
}

extension FieldSet {
    /// The members at or below any of `roots` (e.g. the fields an ignore rule covers).
    public func members(atOrBelow roots: [FieldPath]) -> FieldSet {
        FieldSet(paths.filter { p in roots.contains { p.hasPrefix($0) } })
    }
}
