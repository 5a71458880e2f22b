import Foundation

/// The type a scalar resolves to.
public enum ScalarKind: Sendable, Hashable {
    case null, bool, int, float, string
}

/// Resolution of scalar types.
///
/// Parsing follows the YAML 1.2 core schema as kyaml (yaml.v3) does for what a value *is*;
/// `isAmbiguousYAML11` says whether a string would read as another type under YAML 1.1,
/// which is what kustomize uses to decide that a string must be quoted on output.
public enum ScalarResolver {
    static let tagStr = "tag:yaml.org,2002:str"
    static let tagInt = "tag:yaml.org,2002:int"
    static let tagFloat = "tag:yaml.org,2002:float"
    static let tagBool = "tag:yaml.org,2002:bool"
    static let tagNull = "tag:yaml.org,2002:null"

    /// The kind of a scalar, honouring explicit tags and quoting.
    public static func resolve(_ s: YAMLScalar) -> ScalarKind {
        if let tag = s.tag {
            switch tag {
            case tagStr, "!": return .string
            case tagInt: return .int
            case tagFloat: return .float
            case tagBool: return .bool
            case tagNull: return .null
            default: break
            }
        }
        if s.style != .plain { return .string }
        return resolvePlain(s.value)
    }

    /// The kind of a plain untagged scalar's text (YAML 1.2 core schema).
    public static func resolvePlain(_ v: String) -> ScalarKind {
        switch v {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return .float
        default: break
        }
        guard let first = v.utf8.first else { return .null }
        // Fast exit: numbers start with a digit, sign or dot.
        if !(first >= 0x30 && first <= 0x39) && first != 0x2B && first != 0x2D && first != 0x2E { return .string }
        if intValue(v) != nil || isCoreInt(v) { return .int }
        if isCoreFloat(v) { return .float }
        return .string
    }

    /// Integer value of a YAML 1.2 core integer (decimal, 0o octal, 0x hex).
    public static func intValue(_ v: String) -> Int? {
        if v.hasPrefix("0x"), let i = Int(v.dropFirst(2), radix: 16) { return i }
        if v.hasPrefix("0o"), let i = Int(v.dropFirst(2), radix: 8) { return i }
        var body = Substring(v)
        if body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
        return Int(body)
    }

    static func isCoreInt(_ v: String) -> Bool {
        var u = Substring(v)
        if u.first == "-" || u.first == "+" { u = u.dropFirst() }
        return !u.isEmpty && u.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isCoreFloat(_ v: String) -> Bool {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var chars = Array(v.utf8)[...]
        if let f = chars.first, f == 0x2B || f == 0x2D { chars = chars.dropFirst() }
        func digits() -> Int {
            var n = 0
            while let c = chars.first, c >= 0x30 && c <= 0x39 { chars = chars.dropFirst(); n += 1 }
            return n
        }
        let intDigits = digits()
        var fracDigits = 0
        if chars.first == 0x2E {
            chars = chars.dropFirst()
            fracDigits = digits()
        }
        if intDigits == 0 && fracDigits == 0 { return false }
        if let e = chars.first, e == 0x65 || e == 0x45 {
            chars = chars.dropFirst()
            if let s = chars.first, s == 0x2B || s == 0x2D { chars = chars.dropFirst() }
            if digits() == 0 { return false }
        }
        return chars.isEmpty
    }

    /// Boolean value of a YAML 1.2 core boolean.
    public static func boolValue(_ v: String) -> Bool? {
        switch v {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// True when a string, written plain, would be read as a non-string by a YAML 1.1 reader
    /// (`y`, `no`, `on`, `0777`, `1e3`, `12:30`, `~` …) or by a YAML 1.2 reader.
    public static func isAmbiguousYAML11(_ v: String) -> Bool {
        if resolvePlain(v) != .string { return true }
        switch v {
        case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "on", "On", "ON", "off", "Off", "OFF":
            return true
        default: break
        }
        return isYAML11Number(v)
    }

    static func isYAML11Number(_ v: String) -> Bool {
        var u = Array(v.utf8)[...]
        guard !u.isEmpty else { return false }
        if u.first == 0x2B || u.first == 0x2D { u = u.dropFirst() }
        guard let f = u.first else { return false }
        // 0b binary, 0x hex (with underscores), sexagesimal, floats with underscores
        if u.count >= 2 && f == 0x30 {
            let s = u.dropFirst().first!
            if s == 0x62 { return u.dropFirst(2).allSatisfy { $0 == 0x30 || $0 == 0x31 || $0 == 0x5F } && u.count > 2 }
            if s == 0x78 {
                return u.count > 2 && u.dropFirst(2).allSatisfy { isHex($0) || $0 == 0x5F }
            }
        }
        let allowed = u.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x3A || $0 == 0x2E
            || $0 == 0x65 || $0 == 0x45 || $0 == 0x2B || $0 == 0x2D }
        guard allowed, (f >= 0x30 && f <= 0x39) || f == 0x2E else { return false }
        let s = String(decoding: u, as: UTF8.self)
        // YAML 1.1 int: [0-9][0-9_]* ; sexagesimal [1-9][0-9_]*(:[0-5]?[0-9])+
        if s.allSatisfy({ $0.isNumber || $0 == "_" }) { return true }
        if s.contains(":") {
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isNumber || $0 == "_" || $0 == "." } }
        }
        // YAML 1.1 float: [-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?
        let noUnderscore = s.replacingOccurrences(of: "_", with: "")
        if isCoreFloat(noUnderscore) { return true }
        if noUnderscore.contains("."), noUnderscore.allSatisfy({ $0.isNumber || $0 == "." }) { return true }
        return false
    }

    static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }
}

