import KealmYAML

/// Equality of values as the API server sees them: numbers by value (`1` = `1.0`), booleans by
/// value, mapping key order ignored, and optionally quantities by value (`1Gi` = `1024Mi`, and
/// `cpu: 2` = `cpu: "2"`, since the server returns quantities as strings).
enum ValueEquality {
    static func equal(_ a: YAMLNode, _ b: YAMLNode, quantities: Bool) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return scalarEqual(x, y, quantities: quantities)
        case (.mapping(let p), .mapping(let q)):
            guard p.count == q.count else { return false }
            for pair in p {
                guard let other = b[pair.key.value], equal(pair.value, other, quantities: quantities) else { return false }
            }
            return true
        case (.sequence(let s), .sequence(let t)):
            return s.count == t.count && zip(s, t).allSatisfy { equal($0, $1, quantities: quantities) }
        default: return false
        }
    }

    static func scalarEqual(_ x: YAMLScalar, _ y: YAMLScalar, quantities: Bool) -> Bool {
        let (kx, ky) = (ScalarResolver.resolve(x), ScalarResolver.resolve(y))
        switch (kx, ky) {
        case (.null, .null): return true
        case (.bool, .bool): return ScalarResolver.boolValue(x.value) == ScalarResolver.boolValue(y.value)
        case (.int, .int), (.int, .float), (.float, .int), (.float, .float):
            if let i = ScalarResolver.intValue(x.value), let j = ScalarResolver.intValue(y.value) { return i == j }
            return Double(x.value) == Double(y.value)
        case (.string, .string) where x.value == y.value: return true
        default:
            return quantities && kx != .null && ky != .null && kx != .bool && ky != .bool && Quantity.equal(x.value, y.value)
        }
    }
}
