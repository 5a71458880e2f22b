import KealmYAML

extension JSONPatch {
    /// Rebuilds `doc` with the container at `tokens` changed by `edit`.
    static func edit(_ doc: YAMLNode, _ tokens: ArraySlice<String>, _ full: JSONPointer, _ body: (YAMLNode) throws -> YAMLNode) throws -> YAMLNode {
        guard let t = tokens.first else { return try body(doc) }
        let rest = tokens.dropFirst()
        switch doc {
        case .mapping(var pairs):
            guard let i = pairs.firstIndex(where: { $0.key.value == t }) else {
                throw PatchError(.jsonPatch, "no key '\(t)' on the way", path: full.description)
            }
            pairs[i].value = try edit(pairs[i].value, rest, full, body)
            return .mapping(pairs)
        case .sequence(var items):
            guard let i = JSONPointer.index(t, count: items.count) else {
                throw PatchError(.jsonPatch, "no list item '\(t)' on the way (list has \(items.count))", path: full.description)
            }
            items[i] = try edit(items[i], rest, full, body)
            return .sequence(items)
        case .scalar:
            throw PatchError(.jsonPatch, "'\(t)' is below a scalar", path: full.description)
        }
    }

    static func add(_ value: YAMLNode, at p: JSONPointer, in doc: YAMLNode) throws -> YAMLNode {
        guard let last = p.tokens.last else { return value }
        return try edit(doc, p.tokens.dropLast()[...], p) { container in
            switch container {
            case .mapping(var pairs):
                if let i = pairs.firstIndex(where: { $0.key.value == last }) {
                    pairs[i].value = value
                } else {
                    pairs.append(YAMLPair(last, value))
                }
                return .mapping(pairs)
            case .sequence(var items):
                if last == "-" {
                    items.append(value)
                    return .sequence(items)
                }
                guard var i = Int(last), last.first != "+" else {
                    throw PatchError(.jsonPatch, "'\(last)' is not a list index", path: p.description)
                }
                if i < 0 { i += items.count + 1 }
                guard i >= 0 && i <= items.count else {
                    throw PatchError(.jsonPatch, "index \(last) is out of range (list has \(items.count))", path: p.description)
                }
                items.insert(value, at: i)
                return .sequence(items)
            case .scalar:
                throw PatchError(.jsonPatch, "cannot add below a scalar", path: p.description)
            }
        }
    }

    static func remove(_ p: JSONPointer, from doc: YAMLNode) throws -> (doc: YAMLNode, removed: YAMLNode) {
        guard let last = p.tokens.last else { throw PatchError(.jsonPatch, "cannot remove the whole document", path: "") }
        var removed = YAMLNode.null
        let out = try edit(doc, p.tokens.dropLast()[...], p) { container in
            switch container {
            case .mapping(var pairs):
                guard let i = pairs.firstIndex(where: { $0.key.value == last }) else {
                    throw PatchError(.jsonPatch, "no key '\(last)' to remove", path: p.description)
                }
                removed = pairs.remove(at: i).value
                return .mapping(pairs)
            case .sequence(var items):
                guard let i = JSONPointer.index(last, count: items.count) else {
                    throw PatchError(.jsonPatch, "no list item '\(last)' to remove (list has \(items.count))", path: p.description)
                }
                removed = items.remove(at: i)
                return .sequence(items)
            case .scalar:
                throw PatchError(.jsonPatch, "cannot remove below a scalar", path: p.description)
            }
        }
        return (out, removed)
    }

    static func replace(_ p: JSONPointer, with value: YAMLNode, in doc: YAMLNode) throws -> YAMLNode {
        guard p.value(in: doc) != nil else {
            throw PatchError(.jsonPatch, "nothing to replace at the path (use add to create it)", path: p.description)
        }
        guard let last = p.tokens.last else { return value }
        return try edit(doc, p.tokens.dropLast()[...], p) { container in
            switch container {
            case .mapping(var pairs):
                let i = pairs.firstIndex { $0.key.value == last }!
                pairs[i].value = value
                return .mapping(pairs)
            case .sequence(var items):
                items[JSONPointer.index(last, count: items.count)!] = value
                return .sequence(items)
            case .scalar:
                return container
            }
        }
    }

    /// JSON equality: maps ignore key order, scalars compare as typed JSON values.
    public static func equal(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a, b) {
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            for p in x {
                guard let q = y.first(where: { $0.key.value == p.key.value }), equal(p.value, q.value) else { return false }
            }
            return true
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.scalar, .scalar):
            let (ja, jb) = (JSON.encode(a), JSON.encode(b))
            if ja == jb { return true }
            if let da = Double(ja), let db = Double(jb) { return da == db }
            return false
        default:
            return false
        }
    }
}
