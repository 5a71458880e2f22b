/// Kubernetes resource quantities (`1Gi`, `1024Mi`, `500m`, `0.5`, `1e3`) as exact rationals
/// (numerator and a power-of-ten/binary scale folded into a Double is enough to compare the
/// values people write).
enum Quantity {
    static let binary: [String: Double] = ["Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776,
        "Pi": 1_125_899_906_842_624, "Ei": 1_152_921_504_606_846_976]
    static let decimal: [String: Double] = ["n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18]

    /// The value of a quantity, or nil when the text is not one.
    static func value(_ text: String) -> Double? {
        func number(_ s: Substring) -> Double? {
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
            return Double(s)
        }
        for (suffix, scale) in binary where text.hasSuffix(suffix) { return number(text.dropLast(2)).map { $0 * scale } }
        if let last = text.last, let scale = decimal[String(last)], text.count > 1 {
            return number(text.dropLast()).map { $0 * scale }
        }
        return number(Substring(text))
    }

    /// True when both texts are quantities of the same value.
    static func equal(_ a: String, _ b: String) -> Bool {
        guard let x = value(a), let y = value(b) else { return false }
        return x == y || abs(x - y) <= max(abs(x), abs(y)) * 1e-12
    }
}
