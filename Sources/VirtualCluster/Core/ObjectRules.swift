import KealmYAML

/// The rules the server applies to an object's metadata on create and update (pure functions).
enum ObjectRules {
    static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Checks a name: non-empty, at most 253 characters, no `/` or `%`, not `.` or `..`.
    static func validateName(_ r: ResourceInfo, _ name: String) throws(APIError) {
        if name.isEmpty { throw APIError.invalid(r, name, "metadata.name: Required value: name or generateName is required") }
        if name.count > 253 || name.contains("/") || name.contains("%") || name == "." || name == ".." {
            throw APIError.invalid(r, name, "metadata.name: Invalid value: \"\(name)\": a name may not contain '/' or '%' and must be at most 253 characters")
        }
        if r.kind == "Namespace" {
            let ok = name.count <= 63 && name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
                && name.first != "-" && name.last != "-"
            if !ok {
                throw APIError.invalid(r, name, "metadata.name: Invalid value: \"\(name)\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character")
            }
        }
    }

    /// True when the objects differ outside metadata and status: what `generation` tracks.
    static func specChanged(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        func part(_ n: YAMLNode) -> YAMLNode {
            guard case .mapping(let pairs) = n else { return .null }
            return .mapping(pairs.filter { $0.key.value != "metadata" && $0.key.value != "status" })
        }
        return !JSON.equivalent(part(a), part(b))
    }

    /// True when the kind carries `metadata.generation`.
    static func tracksGeneration(_ r: ResourceInfo, _ node: YAMLNode) -> Bool {
        r.isCustom || node["spec"] != nil || !BuiltinResources.kindsWithoutSpec.contains(r.kind)
    }

    /// True when the objects are the same once the server's fields are set aside (no-op detection).
    static func sameIgnoringServerFields(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        func strip(_ node: YAMLNode) -> YAMLNode {
            var n = node
            n[path: ["metadata", "resourceVersion"]] = nil
            n[path: ["metadata", "managedFields"]] = nil
            return n
        }
        return JSON.equivalent(strip(a), strip(b))
    }

    /// Puts apiVersion, kind and metadata first, as the API server writes them.
    static func ordered(_ node: YAMLNode) -> YAMLNode {
        guard case .mapping(let pairs) = node else { return node }
        let head = ["apiVersion", "kind", "metadata"]
        var out: [YAMLPair] = []
        for h in head { if let p = pairs.first(where: { $0.key.value == h }) { out.append(p) } }
        out += pairs.filter { !head.contains($0.key.value) }
        return .mapping(out)
    }

    /// Sets a metadata field.
    static func setMeta(_ node: inout YAMLNode, _ key: String, _ value: YAMLNode?) {
        node[path: ["metadata", key]] = value
    }

    /// The finalizers of an object.
    static func finalizers(_ node: YAMLNode) -> [String] {
        (node[path: ["metadata", "finalizers"]]?.items ?? []).compactMap(\.string)
    }

    /// Fills the status of a CustomResourceDefinition as the apiextensions controller would.
    static func establish(crd: inout YAMLNode, servable: Bool, message: String?, now: String) {
        var status: YAMLNode = .emptyMapping
        let names = crd[path: ["spec", "names"]] ?? .emptyMapping
        status["acceptedNames"] = names
        func cond(_ type: String, _ ok: Bool, _ reason: String, _ msg: String) -> YAMLNode {
            .mapping([
                YAMLPair("type", .string(type)), YAMLPair("status", .string(ok ? "True" : "False")),
                YAMLPair("lastTransitionTime", .string(now)), YAMLPair("reason", .string(reason)), YAMLPair("message", .string(msg)),
            ])
        }
        status["conditions"] = .sequence([
            cond("NamesAccepted", servable, servable ? "NoConflicts" : "Invalid", message ?? "no conflicts found"),
            cond("Established", servable, servable ? "InitialNamesAccepted" : "NotAccepted",
                 servable ? "the initial names have been accepted" : (message ?? "not accepted")),
        ])
        let stored = (crd[path: ["spec", "versions"]]?.items ?? []).filter { $0["storage"]?.boolValue == true }.compactMap { $0.string(at: "name") }
        status["storedVersions"] = .sequence(stored.map { .string($0) })
        crd["status"] = status
    }
}
