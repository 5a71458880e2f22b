/// The lexer of the Go template subset: splits text from actions (honouring `{{-`/`-}}` and
/// comments) and turns each action into tokens.
extension GoTemplateParser {
    /// Splits the text into text runs and action token lists, honouring `{{-`/`-}}` and comments.
    static func segments(_ text: String) throws(TemplateError) -> [(text: String?, tokens: [Tok]?)] {
        var out: [(String?, [Tok]?)] = []
        var rest = Substring(text)
        var trimNextLeading = false
        while let open = rest.range(of: "{{") {
            var before = String(rest[..<open.lowerBound])
            if trimNextLeading { before = String(before.drop(while: \.isWhitespace)) }
            var inner = rest[open.upperBound...]
            if inner.hasPrefix("- ") || inner.hasPrefix("-\t") || inner.hasPrefix("-\n") {
                while let l = before.last, l.isWhitespace { before.removeLast() }
                inner = inner.dropFirst(2)
            }
            out.append((before, nil))
            // Find the closing braces outside string literals.
            var i = inner.startIndex
            var quote: Character? = nil
            var close: Range<Substring.Index>? = nil
            while i < inner.endIndex {
                let c = inner[i]
                if let q = quote {
                    if c == "\\" && q == "\"" { i = inner.index(after: i) } else if c == q { quote = nil }
                } else if c == "\"" || c == "`" {
                    quote = c
                } else if inner[i...].hasPrefix("}}") {
                    close = i..<inner.index(i, offsetBy: 2)
                    break
                }
                if i < inner.endIndex { i = inner.index(after: i) }
            }
            guard let close else { throw TemplateError("unclosed action") }
            var body = inner[..<close.lowerBound]
            trimNextLeading = false
            if body.hasSuffix(" -") || body.hasSuffix("\t-") || body.hasSuffix("\n-") {
                body = body.dropLast(2)
                trimNextLeading = true
            }
            let trimmed = body.trimmingCharacters(in: " \t\n\r")
            if trimmed.hasPrefix("/*") {
                guard trimmed.hasSuffix("*/") else { throw TemplateError("unclosed comment") }
            } else {
                out.append((nil, try tokenize(String(trimmed))))
            }
            rest = inner[close.upperBound...]
        }
        var tail = String(rest)
        if trimNextLeading { tail = String(tail.drop(while: \.isWhitespace)) }
        out.append((tail, nil))
        return out
    }

    static func fieldChain(_ chars: [Character], _ i: inout Int) -> [String] {
        var names: [String] = []
        while i < chars.count && chars[i] == "." {
            i += 1
            var name = ""
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { name.append(chars[i]); i += 1 }
            if name.isEmpty { break }
            names.append(name)
        }
        return names
    }

    static func tokenize(_ s: String) throws(TemplateError) -> [Tok] {
        let c = Array(s)
        var i = 0
        var toks: [Tok] = []
        while i < c.count {
            let ch = c[i]
            if ch.isWhitespace { i += 1; continue }
            switch ch {
            case "|": toks.append(.pipe); i += 1
            case "(": toks.append(.lparen); i += 1
            case ")":
                i += 1
                toks.append(.rparen(fields: fieldChain(c, &i)))
            case ",": toks.append(.comma); i += 1
            case ":":
                guard i + 1 < c.count, c[i + 1] == "=" else { throw TemplateError("unexpected ':'") }
                toks.append(.declare); i += 2
            case "=": toks.append(.assign); i += 1
            case ".":
                if i + 1 < c.count, c[i + 1].isNumber { fallthrough }
                toks.append(.field(fieldChain(c, &i)))
            case "0"..."9", "-", "+":
                var n = String(ch)
                i += 1
                while i < c.count, c[i].isNumber || c[i] == "." || c[i] == "e" || c[i] == "x" || c[i].isHexDigit { n.append(c[i]); i += 1 }
                toks.append(.number(n))
            case "$":
                var name = "$"
                i += 1
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" { name.append(c[i]); i += 1 }
                toks.append(.variable(name, fieldChain(c, &i)))
            case "\"":
                var str = ""
                i += 1
                while i < c.count && c[i] != "\"" {
                    if c[i] == "\\" && i + 1 < c.count {
                        i += 1
                        switch c[i] {
                        case "n": str.append("\n")
                        case "t": str.append("\t")
                        case "r": str.append("\r")
                        default: str.append(c[i])
                        }
                    } else {
                        str.append(c[i])
                    }
                    i += 1
                }
                guard i < c.count else { throw TemplateError("unterminated quoted string") }
                i += 1
                toks.append(.string(str))
            case "`":
                var str = ""
                i += 1
                while i < c.count && c[i] != "`" { str.append(c[i]); i += 1 }
                guard i < c.count else { throw TemplateError("unterminated raw quoted string") }
                i += 1
                toks.append(.string(str))
            case "'":
                guard i + 2 < c.count, c[i + 2] == "'" else { throw TemplateError("bad character constant") }
                toks.append(.number(String(c[i + 1].unicodeScalars.first!.value)))
                i += 3
            default:
                guard ch.isLetter || ch == "_" else { throw TemplateError("unexpected \"\(ch)\" in command") }
                var name = ""
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" { name.append(c[i]); i += 1 }
                toks.append(.ident(name))
            }
        }
        return toks
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
