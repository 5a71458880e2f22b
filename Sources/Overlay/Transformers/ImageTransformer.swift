import KealmYAML

/// `images:` — rewrites container images whose name matches: new name, new tag and/or digest.
/// Like kustomize, it looks at every `containers` and `initContainers` list in the object,
/// plus any configured image field specs.
struct ImageTransformer {
    let name: String
    let newName: String?
    let newTag: String?
    let digest: String?
    let file: String
    let matcher: Regex<AnyRegexOutput>?

    init(node: YAMLNode, file: String) throws(OverlayError) {
        guard let n = node.string(at: "name") else {
            throw OverlayError(.invalid, "an images entry needs a name", file: file, field: "images")
        }
        name = n
        newName = node["newName"]?.scalar?.value
        newTag = node["newTag"]?.scalar?.value
        digest = node["digest"]?.scalar?.value
        self.file = file
        matcher = try? Regex("^" + n + "(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$")
    }

    func matches(_ image: String) -> Bool {
        if let matcher { return (try? matcher.wholeMatch(in: image)) != nil }
        return image == name
    }

    func rewrite(_ image: String) -> String? {
        guard matches(image) else { return nil }
        var (n, tag, dig) = Self.split(image)
        if let nn = newName, !nn.isEmpty { n = nn }
        if let t = newTag, !t.isEmpty, let d = digest, !d.isEmpty {
            tag = t; dig = d
        } else if let t = newTag, !t.isEmpty {
            tag = t; dig = ""
        } else if let d = digest, !d.isEmpty {
            dig = d; tag = ""
        }
        if !tag.isEmpty { n += ":" + tag }
        if !dig.isEmpty { n += "@" + dig }
        return n
    }

    /// Splits `host:port/name:tag@digest` into name, tag and digest.
    static func split(_ image: String) -> (String, String, String) {
        let chars = Array(image)
        var start = 0
        if let slash = chars.firstIndex(of: "/"), slash > 0 { start = slash }
        let search = chars[start...]
        let at = search.firstIndex(of: "@")
        let colon = search.firstIndex(of: ":")
        if at == nil && colon == nil { return (image, "", "") }
        if let at, colon == nil || at < colon! {
            return (String(chars[..<at]), "", String(chars[(at + 1)...]))
        }
        if let at, let colon {
            return (String(chars[..<colon]), String(chars[(colon + 1)..<at]), String(chars[(at + 1)...]))
        }
        let c = colon!
        return (String(chars[..<c]), String(chars[(c + 1)...]), "")
    }

    func apply(to set: inout ResourceSet, specs: [FieldSpec]) throws(OverlayError) {
        set.updateEach { r in
            var touched = false
            rewriteContainers(&r.node, touched: &touched)
            for spec in specs where spec.applies(to: r.gvk) {
                FieldWalker.visit(&r.node, spec.path[...], create: false) { v in
                    if let s = v?.scalar?.value, let new = rewrite(s), new != s {
                        v = .string(new)
                        touched = true
                    }
                }
            }
        }
    }

    /// Rewrites `image` in every `containers` / `initContainers` list, at any depth.
    func rewriteContainers(_ node: inout YAMLNode, touched: inout Bool) {
        switch node {
        case .mapping:
            FieldWalker.mutatePairs(&node) { pairs in
                for i in pairs.indices {
                    let key = pairs[i].key.value
                    if key == "containers" || key == "initContainers", case .sequence = pairs[i].value {
                        FieldWalker.mutateItems(&pairs[i].value) { c in
                            if let s = c["image"]?.scalar?.value, let new = rewrite(s) {
                                if new != s { touched = true }
                                c["image"] = .string(new)
                            }
                        }
                    } else {
                        rewriteContainers(&pairs[i].value, touched: &touched)
                    }
                }
            }
        case .sequence:
            FieldWalker.mutateItems(&node) { rewriteContainers(&$0, touched: &touched) }
        case .scalar:
            break
        }
    }
}
