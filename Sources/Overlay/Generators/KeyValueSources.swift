import Foundation

/// Reads the key/value pairs of a generator: `envs` files, `literals`, then `files`.
enum KeyValueSources {
    static func load(_ args: GeneratorArgs, ctx: TransformContext, kind: String) throws(OverlayError) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for env in args.envs {
            let bytes = try ctx.read(env)
            out += try parseEnv(bytes, file: env, ctx: ctx)
        }
        for lit in args.literals {
            guard let eq = lit.firstIndex(of: "="), eq != lit.startIndex else {
                throw OverlayError(.invalid, "invalid literal source \(lit), expected key=value", file: ctx.file,
                    object: "\(kind) \(args.name)", field: "literals")
            }
            out.append((String(lit[..<eq]), Array(removeQuotes(String(lit[lit.index(after: eq)...])).utf8)))
        }
        for f in args.files {
            var key = PathSyntax.basename(f)
            var path = f
            if let eq = f.firstIndex(of: "=") {
                key = String(f[..<eq])
                path = String(f[f.index(after: eq)...])
                if key.isEmpty || path.isEmpty {
                    throw OverlayError(.invalid, "invalid file source \(f), expected key=path", file: ctx.file,
                        object: "\(kind) \(args.name)", field: "files")
                }
            }
            out.append((key, try ctx.read(path)))
        }
        var seen: Set<String> = []
        for (k, _) in out {
            if !seen.insert(k).inserted {
                throw OverlayError(.invalid, "\(kind.lowercased()) \(args.name) illegally repeats the key `\(k)`",
                    file: ctx.file, object: "\(kind) \(args.name)", hint: "each key may appear once")
            }
            if !isValidKey(k) {
                throw OverlayError(.invalid, "\"\(k)\" is not a valid key name for a \(kind)", file: ctx.file,
                    object: "\(kind) \(args.name)", hint: "keys may contain letters, digits, '-', '_' and '.'")
            }
        }
        return out
    }

    static func isValidKey(_ k: String) -> Bool {
        !k.isEmpty && k.count <= 253 && k.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E
        }
    }

    static func removeQuotes(_ s: String) -> String {
        guard s.count >= 2, let f = s.first, f == s.last, f == "\"" || f == "'" else { return s }
        return String(s.dropFirst().dropLast())
    }

    /// `KEY=VALUE` lines; blank lines and `#` comments skipped; a line without `=` takes no value.
    static func parseEnv(_ bytes: [UInt8], file: String, ctx: TransformContext) throws(OverlayError) -> [(String, [UInt8])] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var out: [(String, [UInt8])] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            while let f = line.first, f == " " || f == "\t" { line = line.dropFirst() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            if key.isEmpty || key.contains(" ") {
                throw OverlayError(.invalid, "invalid key \"\(key)\" on line \(n + 1)", file: file,
                    hint: "write KEY=VALUE lines")
            }
            out.append((key, parts.count == 2 ? Array(parts[1].utf8) : []))
        }
        return out
    }

    /// Base64 wrapped at 70 characters per line, as kustomize writes Secret data and binaryData.
    static func base64Wrapped(_ bytes: [UInt8]) -> String {
        let enc = Data(bytes).base64EncodedString()
        guard enc.count > 70 else { return enc }
        var out = ""
        var i = enc.startIndex
        while i < enc.endIndex {
            let j = enc.index(i, offsetBy: 70, limitedBy: enc.endIndex) ?? enc.endIndex
            out += enc[i..<j] + "\n"
            i = j
        }
        return out
    }
}
