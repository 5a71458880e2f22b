import KealmYAML

/// kyaml's dotted paths used by replacements: `spec.template.spec.containers.0.image`,
/// `spec.containers.[name=web].image`, `metadata.annotations.a\.b` (escaped dot) and `*`.
enum DottedPath {
    static func split(_ path: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var depth = 0
        var escape = false
        for c in path {
            if escape { cur.append(c); escape = false; continue }
            if c == "\\" { escape = true; continue }
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1 }
            if c == "." && depth == 0 {
                out.append(cur)
                cur = ""
            } else {
                cur.append(c)
            }
        }
        out.append(cur)
        return out.filter { !$0.isEmpty }
    }

    /// Visits every node the path matches; with `create`, missing mapping fields are made
    /// (the last one as `createLeaf`). Returns how many nodes were visited.
    @discardableResult
    static func visit(
        _ node: inout YAMLNode, _ parts: ArraySlice<String>, create: YAMLNode?, _ body: (inout YAMLNode) throws -> Void
    ) rethrows -> Int {
        guard let part = parts.first else {
            try body(&node)
            return 1
        }
        let rest = parts.dropFirst()
        switch node {
        case .sequence:
            var count = 0
            if part == "*" || part == "-" {
                try FieldWalker.mutateItems(&node) { count += try visit(&$0, rest, create: create, body) }
                return count
            }
            if part.hasPrefix("[") && part.hasSuffix("]") {
                let inner = part.dropFirst().dropLast()
                guard let eq = inner.firstIndex(of: "=") else { return 0 }
                let k = String(inner[..<eq]), v = String(inner[inner.index(after: eq)...])
                try FieldWalker.mutateItems(&node) { item in
                    if item[k]?.scalar?.value == v { count += try visit(&item, rest, create: create, body) }
                }
                return count
            }
            if let idx = Int(part) {
                guard case .sequence(var items) = node, idx >= 0 else { return 0 }
                if idx >= items.count {
                    // With create, an index just past the end appends a new element.
                    guard let leaf = create, idx == items.count else { return 0 }
                    items.append(rest.isEmpty ? leaf : .mapping([]))
                }
                node = .null
                defer { node = .sequence(items) }
                return try visit(&items[idx], rest, create: create, body)
            }
            return 0
        case .mapping:
            var count = 0
            if part == "*" {
                try FieldWalker.mutatePairs(&node) { pairs in
                    for i in pairs.indices { count += try visit(&pairs[i].value, rest, create: create, body) }
                }
                return count
            }
            try FieldWalker.mutatePairs(&node) { pairs in
                if let i = pairs.firstIndex(where: { $0.key.value == part }) {
                    count = try visit(&pairs[i].value, rest, create: create, body)
                } else if let leaf = create {
                    var child: YAMLNode = rest.isEmpty ? leaf : (rest.first.map { Int($0) != nil || $0.hasPrefix("[") } == true ? .sequence([]) : .mapping([]))
                    count = try visit(&child, rest, create: create, body)
                    pairs.append(YAMLPair(part, child))
                }
            }
            return count
        case .scalar:
            if let leaf = create, node.isNull {
                node = rest.isEmpty ? leaf : .mapping([])
                if rest.isEmpty { try body(&node); return 1 }
                return try visit(&node, parts, create: create, body)
            }
            return 0
        }
    }

    static func get(_ node: YAMLNode, _ path: String) -> YAMLNode? {
        var copy = node
        var found: YAMLNode?
        visit(&copy, split(path)[...], create: nil) { v in if found == nil { found = v } }
        return found
    }
}
