/// Float formatting as Go prints it: `encoding/json` first, then a YAML 1.1 encoder re-reading
/// that JSON text and printing it with `strconv.FormatFloat(f, 'g', -1, 64)`.
enum GoFloat {
    /// The text kustomize prints for a float value.
    static func throughJSON(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        let json = jsonText(d)
        // The YAML 1.1 reader takes an integer-looking JSON number as an integer.
        if !json.contains("."), !json.contains("e") {
            if let i = Int64(json) { return String(i) }
            if let u = UInt64(json) { return String(u) }
        }
        return formatG(d)
    }

    /// Shortest decimal digits and decimal-point position: value = 0.d1d2d3… × 10^dp.
    static func digits(_ d: Double) -> (digits: [UInt8], dp: Int, negative: Bool) {
        let negative = d.sign == .minus
        if d == 0 { return ([], 0, negative) }
        let text = abs(d).description  // shortest round-trip digits
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var ds: [UInt8] = []
        var dp = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == 0x2E { seenPoint = true; continue }
            ds.append(c)
            if !seenPoint { dp += 1 }
        }
        while let f = ds.first, f == 0x30 { ds.removeFirst(); dp -= 1 }
        while let l = ds.last, l == 0x30 { ds.removeLast() }
        return (ds, dp + exp, negative)
    }

    /// `encoding/json`'s text for a float64.
    static func jsonText(_ d: Double) -> String {
        let a = abs(d)
        if a != 0 && (a < 1e-6 || a >= 1e21) {
            var s = formatE(d)
            // json writes e-07 as e-7
            if let r = s.range(of: "e-0") { s.replaceSubrange(r, with: "e-") }
            else if let r = s.range(of: "e+0") { s.replaceSubrange(r, with: "e+") }
            return s
        }
        return formatF(d)
    }

    static func formatF(_ d: Double) -> String {
        let (ds, dp, neg) = digits(d)
        var out = neg && !ds.isEmpty ? "-" : ""
        if dp <= 0 {
            out += "0"
        } else {
            for i in 0..<dp { out.append(Character(Unicode.Scalar(i < ds.count ? ds[i] : 0x30))) }
        }
        if ds.count > dp {
            out += "."
            for i in dp..<ds.count {
                out.append(Character(Unicode.Scalar(i < 0 ? 0x30 : ds[i])))
            }
        }
        return out
    }

    static func formatE(_ d: Double) -> String {
        let (ds, dp, neg) = digits(d)
        var out = neg ? "-" : ""
        if ds.isEmpty { return out + "0e+00" }
        out.append(Character(Unicode.Scalar(ds[0])))
        if ds.count > 1 {
            out += "."
            for c in ds[1...] { out.append(Character(Unicode.Scalar(c))) }
        }
        let exp = dp - 1
        out += exp < 0 ? "e-" : "e+"
        let e = abs(exp)
        out += e < 10 ? "0\(e)" : "\(e)"
        return out
    }

    /// `strconv.FormatFloat(d, 'g', -1, 64)`.
    static func formatG(_ d: Double) -> String {
        let (ds, dp, _) = digits(d)
        if ds.isEmpty { return d.sign == .minus ? "-0" : "0" }
        let exp = dp - 1
        // Shortest formatting switches to the exponent form outside 1e-4 ..< 1e6.
        if exp < -4 || exp >= 6 { return formatE(d) }
        return formatF(d)
    }
}
