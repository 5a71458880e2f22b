extension JSON {
    /// True when two nodes encode to the same JSON text (`encode(a) == encode(b)`), decided by
    /// walking both trees instead of encoding them: mapping order counts, as in the text, and
    /// scalars compare by their JSON form (`"1"` quoted is not `1`, plain `1.0` is not `1`).
    public static func equivalent(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            if x == y { return true }
            var ex: [UInt8] = [], ey: [UInt8] = []
            write(a, into: &ex)
            write(b, into: &ey)
            return ex == ey
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where p.key.value != q.key.value || !equivalent(p.value, q.value) { return false }
            return true
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { return false }
            for (p, q) in zip(x, y) where !equivalent(p, q) { return false }
            return true
        default:
            return false
        }
    }
}
