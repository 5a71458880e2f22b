/// Argo CD's default template syntax (fasttemplate): `{{name}}` is replaced by the parameter
/// `name` (spaces inside the braces are ignored); a tag with no string parameter stays verbatim.
public enum FastTemplate {
    public static func render(_ text: String, _ params: Params) -> String {
        guard text.hasTemplateMarker else { return text }
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 32)
        var i = 0
        while i < b.count {
            guard let open = b.firstRange(of: [123, 123], from: i) else { break }
            out += b[i..<open]
            guard let close = b.firstRange(of: [125, 125], from: open + 2) else {
                i = open
                break
            }
            var lo = open + 2, hi = close
            while lo < hi, b[lo] == 32 || b[lo] == 9 || b[lo] == 10 || b[lo] == 13 { lo += 1 }
            while hi > lo, b[hi - 1] == 32 || b[hi - 1] == 9 || b[hi - 1] == 10 || b[hi - 1] == 13 { hi -= 1 }
            if lo < hi, case .string(let v)? = params[String(decoding: b[lo..<hi], as: UTF8.self)] {
                out += v.utf8
            } else {
                out += b[open..<(close + 2)]
            }
            i = close + 2
        }
        if i < b.count { out += b[i...] }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// The index where a two-byte needle starts at or after `from`.
    func firstRange(of needle: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 1 < count {
            if self[i] == needle[0] && self[i + 1] == needle[1] { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    /// True when the text contains `{{` (a byte scan; `contains` on String goes through Foundation).
    var hasTemplateMarker: Bool {
        var prev: UInt8 = 0
        for c in utf8 {
            if c == 123 && prev == 123 { return true }
            prev = c
        }
        return false
    }
}
