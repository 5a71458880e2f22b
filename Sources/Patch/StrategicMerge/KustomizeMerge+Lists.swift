import KealmYAML

/// Associative (merge-strategy) lists in kustomize mode, with kyaml's ordering: the patch's items
/// come first in patch order, then the object's remaining items; for multi-key lists the object's
/// items that the patch also names move after the new ones.
extension KustomizeMerge {
    func walkAssociative(_ dest: RefNode?, _ origin: RefNode?, _ field: FieldSchema, _ path: [String]) throws -> RefNode? {
        guard let d = dest.isMissingOrNull ? origin : try base(dest, origin, path) else { return nil }
        let keys = field.smpKeys
        let values = elementValues(keys, d, origin)
        if !values.isEmpty || !keys.isEmpty {
            return try setElements(values, keys, d, origin, field, path)
        }
        return try setElements(primitiveValues(d, origin), [""], d, origin, field, path)
    }

    /// The key values of every item, patch items first, without repeats.
    private func elementValues(_ keys: [String], _ d: RefNode, _ origin: RefNode?) -> [[String]] {
        var out: [[String]] = []
        var seen = Set<[String]>()
        for src in [origin, d] where src?.kind == .sequence {
            for item in src!.items {
                let vals = keys.map { k -> String in
                    guard let f = item.field(k), !f.isNilOrEmpty else { return "" }
                    return f.text
                }
                if vals.isEmpty || seen.contains(vals) { continue }
                seen.insert(vals)
                out.append(vals)
            }
        }
        return out
    }

    private func primitiveValues(_ d: RefNode, _ origin: RefNode?) -> [[String]] {
        var out: [[String]] = []
        var seen = Set<String>()
        for src in [origin, d] where src?.kind == .sequence {
            for item in src!.items where !seen.contains(item.text) {
                seen.insert(item.text)
                out.append([item.text])
            }
        }
        return out
    }

    private func setElements(
        _ valuesList: [[String]], _ keys: [String], _ d: RefNode, _ origin: RefNode?, _ field: FieldSchema, _ path: [String]
    ) throws -> RefNode? {
        var valuesList = valuesList
        let elemSchema = schema.element(field)
        if keys.count > 1 { valuesList = Self.mergeValues(valuesList) }
        let added = RefNode(kind: .sequence)
        var validKeys: [String] = []
        var validValues: [String] = []
        let valid = Self.keysWithValues(valuesList, keys)
        for values in valuesList where !values.isEmpty {
            (validKeys, validValues) = Self.validateKeys(valid, values, keys)
            let (mk, mv) = Self.validateKeys(Self.keysWithValues([validValues], validKeys), validValues, validKeys)
            let destElem = d.kind == .sequence ? Self.match(d.items, mk, mv) : nil
            let originElem = origin?.kind == .sequence ? Self.match(origin!.items, mk, mv) : nil
            let label = zip(mk, mv).map { $0.isEmpty ? $1 : "\($0)=\($1)" }.joined(separator: ",")
            let val = try walk(destElem, originElem, elemSchema, path: path + ["[\(label)]"])
            guard let val, !val.isNull, !val.isEmptyMap else {
                if d.kind == .sequence { ElementSetter.apply(&d.items, element: nil, keys: validKeys, values: validValues) }
                continue
            }
            for (i, key) in validKeys.enumerated() where val.kind == .mapping && val.field(key) == nil && !validValues[i].isEmpty {
                val.setField(YAMLScalar(key), RefNode(scalar: YAMLScalar(validValues[i])))
            }
            ElementSetter.apply(&added.items, element: val, keys: validKeys, values: validValues)
        }
        if !valuesList.isEmpty, d.kind == .sequence {
            Self.appendList(into: &added.items, from: d.items, keys: validKeys)
            return added
        }
        return valuesList.isEmpty ? d : added
    }

    /// Adds the object's items to the merged list (kyaml's `appendListNode`).
    static func appendList(into dst: inout [RefNode], from src: [RefNode], keys: [String]) {
        for elem in src {
            if keys.first == "" {
                ElementSetter.apply(&dst, element: elem, keys: [""], values: [elem.text])
                continue
            }
            var v: [String] = []
            for key in keys {
                guard let value = elem.kind == .mapping ? elem.field(key) : nil else {
                    dst.append(elem)
                    continue
                }
                v.append(value.text)
            }
            if keys.count > 1 { ElementSetter.apply(&dst, element: nil, keys: keys, values: v) }
            ElementSetter.apply(&dst, element: elem, keys: keys, values: v)
        }
    }

    /// The first item whose key fields have exactly these values (kyaml's `ElementMatcher`: an empty
    /// value matches only an empty field); for scalar lists (key "") the item equal to the value.
    static func match(_ items: [RefNode], _ keys: [String], _ values: [String]) -> RefNode? {
        if keys.first?.isEmpty ?? true {
            let v = values.first ?? ""
            return items.first { $0.text == v }
        }
        return items.first { item in
            guard item.kind == .mapping else { return false }
            for (k, v) in zip(keys, values) {
                guard let f = item.field(k), f.text == v else { return false }
            }
            return true
        }
    }

    /// Which keys some item gives a value for (by key position).
    static func keysWithValues(_ valuesList: [[String]], _ keys: [String]) -> [Bool] {
        var valid = [Bool](repeating: false, count: keys.count)
        for vals in valuesList { for (i, v) in vals.enumerated() where !v.isEmpty && i < keys.count { valid[i] = true } }
        return valid
    }

    /// The keys that some item gives a value for (`valid`), and this item's values for them; all
    /// keys when no item gives any.
    static func validateKeys(_ valid: [Bool], _ values: [String], _ keys: [String]) -> ([String], [String]) {
        if !valid.contains(true) { return (keys, values) }
        var vk: [String] = []
        for (i, k) in keys.enumerated() where valid[i] { vk.append(k) }
        var vv: [String] = []
        for (i, v) in values.enumerated() where !v.isEmpty || (i < keys.count && valid[i]) { vv.append(v) }
        return (vk, vv)
    }

    /// Unifies key tuples that differ only where one side is empty (`8080,""` and `8080,TCP`).
    static func mergeValues(_ list: [[String]]) -> [[String]] {
        var list = list
        for i in list.indices {
            for j in list.indices {
                if let merged = unify(list[i], list[j]) {
                    list[i] = merged
                    list[j] = merged
                }
            }
        }
        return list
    }

    static func unify(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count == b.count else { return nil }
        var common = false
        var out: [String] = []
        for (x, y) in zip(a, b) {
            if x == y {
                common = true
                out.append(x)
            } else if !x.isEmpty && !y.isEmpty {
                return nil
            } else {
                out.append(x.isEmpty ? y : x)
            }
        }
        return common ? out : nil
    }
}

/// kyaml's `ElementSetter`: replace every item matching the keys with `element`, delete them when
/// `element` is nil, or append `element` when none matches. Empty items are dropped on the way.
enum ElementSetter {
    static func apply(_ items: inout [RefNode], element: RefNode?, keys: [String], values: [String]) {
        let keys = keys.isEmpty ? [""] : keys
        let mappingSetter = keys[0] != ""
        var out: [RefNode] = []
        var found = false
        for elem in items {
            if elem.isNull || elem.isEmptyMap { continue }
            if elem.kind != .mapping && mappingSetter {
                out.append(elem)
                continue
            }
            var matched = true
            var last = false
            for j in keys.indices {
                if j < values.count { last = matches(elem, keys[j], values[j]) }
                if !last {
                    matched = false
                    break
                }
            }
            if !matched {
                if !values.isEmpty { out.append(elem) }
                continue
            }
            found = true
            if let element { out.append(element) }
        }
        items = out
        guard let element, !element.isNull else { return }
        if !found { items.append(element) }
    }

    private static func matches(_ elem: RefNode, _ key: String, _ value: String) -> Bool {
        if key.isEmpty { return elem.kind == .scalar && elem.text == value }
        guard let f = elem.field(key) else { return false }
        return value.isEmpty || f.text == value
    }
}
