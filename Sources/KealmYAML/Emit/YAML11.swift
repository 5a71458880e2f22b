/// The YAML 1.1 reading of plain text, as kustomize's output encoder decides whether a string
/// may be printed plain (it may only if a YAML 1.1 reader would read it back as a string).
enum YAML11 {
    static let special: Set<String> = [
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
        "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ]

    /// True when the text, written plain, reads back as the same string.
    static func readsAsString(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            return !special.contains(s)
        case UInt8(ascii: "."):
            if special.contains(s) { return false }
            return !ScalarResolver.isCoreFloat(s)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if special.contains(s) { return false }
            if Timestamp.parse(s) != nil { return false }
            let plain = s.replacingOccurrences(of: "_", with: "")
            if GoInt.parse(plain) != nil { return false }
            if ScalarResolver.isCoreFloat(plain) { return false }
            return !isBase60Float(s)
        default:
            return true
        }
    }

    /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?`
    static func isBase60Float(_ s: String) -> Bool {
        var u = Array(s.utf8)[...]
        if let f = u.first, f == 0x2B || f == 0x2D { u = u.dropFirst() }
        func isD(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard let f = u.first, isD(f) else { return false }
        u = u.dropFirst()
        while let c = u.first, isD(c) || c == 0x5F { u = u.dropFirst() }
        var groups = 0
        while u.first == 0x3A {
            u = u.dropFirst()
            var n = 0
            var digits: [UInt8] = []
            while let c = u.first, isD(c), n < 2 { digits.append(c); u = u.dropFirst(); n += 1 }
            if digits.isEmpty { return false }
            if digits.count == 2 && digits[0] > 0x35 { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if u.first == 0x2E {
            u = u.dropFirst()
            while let c = u.first, isD(c) || c == 0x5F { u = u.dropFirst() }
        }
        return u.isEmpty
    }
}

/// YAML timestamps in the forms Go's YAML readers accept (`2006-1-2`, `2006-1-2T15:4:5Z`,
/// `2006-1-2 15:4:5.9`), and their RFC 3339 text.
struct Timestamp {
    var year, month, day, hour, minute, second: Int
    var fraction: String
    var zone: String

    var rfc3339: String {
        func p(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        var out = "\(p(year, 4))-\(p(month, 2))-\(p(day, 2))T\(p(hour, 2)):\(p(minute, 2)):\(p(second, 2))"
        var frac = fraction
        while frac.hasSuffix("0") { frac.removeLast() }
        if !frac.isEmpty { out += "." + frac }
        return out + zone
    }

    static func parse(_ s: String) -> Timestamp? {
        let u = Array(s.utf8)
        var i = 0
        func num(max: Int) -> Int? {
            var v = 0, n = 0
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39, n < max { v = v * 10 + Int(u[i] - 0x30); i += 1; n += 1 }
            return n == 0 ? nil : v
        }
        func expect(_ c: UInt8) -> Bool {
            if i < u.count && u[i] == c { i += 1; return true }
            return false
        }
        guard u.count >= 8, let year = num(max: 4), i == 4, expect(0x2D), let month = num(max: 2), expect(0x2D),
            let day = num(max: 2), (1...12).contains(month), day >= 1, day <= daysIn(month, year)
        else { return nil }
        var t = Timestamp(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, fraction: "", zone: "Z")
        if i == u.count { return t }
        let sep = u[i]
        guard sep == 0x54 || sep == 0x74 || sep == 0x20 else { return nil }
        i += 1
        guard let h = num(max: 2), expect(0x3A), let m = num(max: 2), expect(0x3A), let sec = num(max: 2),
            h < 24, m < 60, sec < 60
        else { return nil }
        t.hour = h; t.minute = m; t.second = sec
        if expect(0x2E) {
            let start = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            if i == start { return nil }
            t.fraction = String(decoding: u[start..<i], as: UTF8.self)
        }
        if sep == 0x20 { return i == u.count ? t : nil }
        if expect(0x5A) { return i == u.count ? t : nil }
        guard i < u.count, u[i] == 0x2B || u[i] == 0x2D else { return nil }
        let sign = u[i]
        i += 1
        guard let zh = num(max: 2), expect(0x3A), let zm = num(max: 2), i == u.count else { return nil }
        t.zone = (zh == 0 && zm == 0) ? "Z" : String(UnicodeScalar(sign)) + (zh < 10 ? "0" : "") + "\(zh):" + (zm < 10 ? "0" : "") + "\(zm)"
        return t
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
