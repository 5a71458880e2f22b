/// The order in which kustomize's output lists mapping keys.
///
/// `kubectl kustomize` prints through a YAML 1.1 encoder that sorts map keys with a "natural"
/// comparison: runs of digits compare by numeric value (`a9` before `a10`), and a non-letter
/// sorts before a letter (`_x` before `A`); two letters compare by code point.
public enum KeyOrder {
    /// True when `a` sorts before `b`.
    public static func less(_ a: String, _ b: String) -> Bool {
        if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) {
            return lessRunes(Array(a.utf8).map(UInt32.init), Array(b.utf8).map(UInt32.init))
        }
        return lessRunes(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value))
    }

    static func isLetter(_ r: UInt32) -> Bool {
        if r < 0x80 { return (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) }
        guard let s = Unicode.Scalar(r) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDigit(_ r: UInt32) -> Bool { r >= 0x30 && r <= 0x39 }

    static func lessRunes(_ a: [UInt32], _ b: [UInt32]) -> Bool {
        var i = 0
        while i < a.count && i < b.count {
            defer { i += 1 }
            if a[i] == b[i] { continue }
            let al = isLetter(a[i]), bl = isLetter(b[i])
            if al && bl { return a[i] < b[i] }
            if al || bl { return bl }
            // Both non-letters: compare the digit runs starting here numerically.
            var an: Int64 = 0, bn: Int64 = 0
            if a[i] == 0x30 || b[i] == 0x30 {
                // A zero after a non-zero digit is part of a larger number: treat both as equal-magnitude.
                var j = i - 1
                while j >= 0 && isDigit(a[j]) {
                    if a[j] != 0x30 { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i
            while ai < a.count && isDigit(a[ai]) { an = an &* 10 &+ Int64(a[ai] - 0x30); ai += 1 }
            var bi = i
            while bi < b.count && isDigit(b[bi]) { bn = bn &* 10 &+ Int64(b[bi] - 0x30); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return a[i] < b[i]
        }
        return a.count < b.count
    }
}
