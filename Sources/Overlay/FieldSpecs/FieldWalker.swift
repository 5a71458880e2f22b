import KealmYAML

/// Visits the nodes a field path names inside an object, the way kustomize walks field specs:
/// a sequence met on the way is entered element by element, `name[]` enters a list field,
/// `[key=value]` picks list elements, and with `create` missing mappings are made on the way.
enum FieldWalker {
    /// Calls `body` with the value at the end of `path` (nil when absent; set it to create).
    static func visit(
        _ node: inout YAMLNode, _ path: ArraySlice<String>, create: Bool,
        _ body: (inout YAMLNode?) throws -> Void
    ) rethrows {
        guard let seg = path.first else { return }
        let rest = path.dropFirst()
        if case .sequence = node {
            try mutateItems(&node) { item in try visit(&item, path, create: create, body) }
            return
        }
        if seg.hasPrefix("[") && seg.hasSuffix("]") {
            return  // selectors apply to sequences only
        }
        var field = seg
        var intoList = false
        if seg.hasSuffix("[]") {
            field = String(seg.dropLast(2))
            intoList = true
        }
        var selector: (String, String)?
        if let open = field.firstIndex(of: "["), field.hasSuffix("]") {
            let inner = field[field.index(after: open)..<field.index(before: field.endIndex)]
            if let eq = inner.firstIndex(of: "=") {
                selector = (String(inner[..<eq]), String(inner[inner.index(after: eq)...]))
            }
            field = String(field[..<open])
        }
        guard case .mapping = node else { return }
        try mutatePairs(&node) { pairs in
            var at = pairs.firstIndex(where: { $0.key.value == field })
            if rest.isEmpty && selector == nil && !intoList {
                var value: YAMLNode? = at.map { pairs[$0].value }
                if let i = at { pairs[i].value = .null }
                try body(&value)
                if let i = at {
                    if let value { pairs[i].value = value } else { pairs.remove(at: i) }
                } else if let value {
                    pairs.append(YAMLPair(field, value))
                }
                return
            }
            if at == nil || pairs[at!].value.isNull {
                guard create else { return }
                let fresh: YAMLNode = (intoList || selector != nil) ? .sequence([]) : .mapping([])
                if let i = at { pairs[i].value = fresh } else {
                    pairs.append(YAMLPair(field, fresh))
                    at = pairs.count - 1
                }
            }
            guard let i = at else { return }
            var child = pairs[i].value
            pairs[i].value = .null
            defer { pairs[i].value = child }
            if let (k, v) = selector {
                try mutateItems(&child) { item in
                    if item[k]?.scalar?.value == v { try visit(&item, rest, create: create, body) }
                }
            } else if rest.isEmpty {
                var value: YAMLNode? = child
                try body(&value)
                child = value ?? .null
            } else {
                try visit(&child, rest, create: create, body)
            }
        }
    }

    /// Mutates the pairs of a mapping in place (no copy of the array).
    static func mutatePairs(_ node: inout YAMLNode, _ body: (inout [YAMLPair]) throws -> Void) rethrows {
        guard case .mapping(var pairs) = node else { return }
        node = .null
        defer { node = .mapping(pairs) }
        try body(&pairs)
    }

    /// Mutates each item of a sequence in place.
    static func mutateItems(_ node: inout YAMLNode, _ body: (inout YAMLNode) throws -> Void) rethrows {
        guard case .sequence(var items) = node else { return }
        node = .null
        defer { node = .sequence(items) }
        for i in items.indices { try body(&items[i]) }
    }

    /// Reads every value at the path (no creation).
    static func values(_ node: YAMLNode, _ path: [String]) -> [YAMLNode] {
        var copy = node
        var out: [YAMLNode] = []
        visit(&copy, path[...], create: false) { v in if let v { out.append(v) } }
        return out
    }
}
