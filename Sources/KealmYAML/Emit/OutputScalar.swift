import Foundation

/// How a scalar is printed in kustomize's output: its final text and the style to request.
///
/// kustomize turns every object into JSON (reading scalars with YAML 1.2 rules: `012` is 10,
/// `1.0` is the float 1) and then prints that JSON with a YAML 1.1 encoder. So numbers are
/// normalised (`1.0` → `1`, `0x1F` → `31`, `1234567.5` → `1.2345675e+06`) and strings that a
/// YAML 1.1 reader would take for something else (`yes`, `"1"`, `1:30`) are double-quoted.
struct OutputScalar: Equatable {
    var text: String
    var style: ScalarStyle

    /// The output form of a scalar as parsed from the input.
    init(_ s: YAMLScalar) {
        switch OutputScalar.decode(s) {
        case .null: self.init(text: "null", style: .plain)
        case .bool(let b): self.init(text: b ? "true" : "false", style: .plain)
        case .int(let t): self.init(text: t, style: .plain)
        case .float(let d): self.init(text: GoFloat.throughJSON(d), style: .plain)
        case .string(let str): self.init(string: str)
        }
    }

    init(text: String, style: ScalarStyle) {
        self.text = text
        self.style = style
    }

    /// The output form of a string value (also used for mapping keys).
    init(string str: String) {
        text = str
        if str.utf8.contains(0x0A) {
            style = .literal
        } else if YAML11.readsAsString(str) {
            style = .plain
        } else {
            style = .doubleQuoted
        }
    }

    enum Value: Equatable {
        case null, bool(Bool), int(String), float(Double), string(String)
    }

    /// The value a YAML 1.2 reader (yaml.v3) gives the scalar when decoding into untyped data.
    static func decode(_ s: YAMLScalar) -> Value {
        if let tag = s.tag {
            switch tag {
            case ScalarResolver.tagStr: return .string(s.value)
            case ScalarResolver.tagNull: return .null
            case ScalarResolver.tagBool: return ScalarResolver.boolValue(s.value).map(Value.bool) ?? .string(s.value)
            case ScalarResolver.tagInt, ScalarResolver.tagFloat:
                let v = decodePlain(s.value)
                if case .string = v { return .string(s.value) }
                if tag == ScalarResolver.tagFloat, case .int(let t) = v, let d = Double(t) { return .float(d) }
                return v
            case "tag:yaml.org,2002:binary":
                let compact = s.value.filter { !$0.isWhitespace }
                if let data = Data(base64Encoded: compact), let text = String(data: data, encoding: .utf8) {
                    return .string(text)
                }
                return .string(s.value)
            default:
                if s.style != .plain { return .string(s.value) }
                return decodePlain(s.value)
            }
        }
        if s.style != .plain { return .string(s.value) }
        return decodePlain(s.value)
    }

    static func decodePlain(_ v: String) -> Value {
        switch v {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        guard let first = v.utf8.first else { return .null }
        if first == 0x2E {
            if ScalarResolver.isCoreFloat(v), let d = Double(v) { return .float(d) }
            return .string(v)
        }
        guard (first >= 0x30 && first <= 0x39) || first == 0x2B || first == 0x2D else { return .string(v) }
        if let ts = Timestamp.parse(v) { return .string(ts.rfc3339) }
        let plain = v.replacingOccurrences(of: "_", with: "")
        if let i = GoInt.parse(plain) { return .int(i) }
        if ScalarResolver.isCoreFloat(plain), let d = Double(plain) { return .float(d) }
        return .string(v)
    }
}

/// Integer syntax of Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint`, returning the decimal text.
enum GoInt {
    static func parse(_ s: String) -> String? {
        var body = Substring(s)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        var radix = 10
        if body.count >= 2 && body.first == "0" {
            let p = body.dropFirst().first!
            switch p {
            case "x", "X": radix = 16; body = body.dropFirst(2)
            case "b", "B": radix = 2; body = body.dropFirst(2)
            case "o", "O": radix = 8; body = body.dropFirst(2)
            default: radix = 8; body = body.dropFirst()
            }
            guard !body.isEmpty else { return nil }
        }
        guard let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            if magnitude == 0 { return "0" }
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return "-" + String(magnitude)
        }
        return String(magnitude)
    }
}
