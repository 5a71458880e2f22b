/// Argo CD's default template syntax (fasttemplate): `{{name}}` is replaced by the parameter
/// `name` (spaces inside the braces are ignored); a tag with no string parameter stays verbatim.
public enum FastTemplate {
    public static func render(_ text: String, _ params: Params) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let tag = after[..<close.lowerBound]
            let key = tag.trimmingCharacters(in: " \t\n\r")
            if !key.isEmpty, case .string(let v)? = params[String(key)] {
                out += v
            } else {
                out += "{{" + tag + "}}"
            }
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }
}
