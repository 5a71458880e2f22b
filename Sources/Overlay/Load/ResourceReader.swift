import KealmYAML

/// Turns YAML bytes into resources: empty documents are skipped and `kind: *List` objects are
/// flattened into their items.
enum ResourceReader {
    static func read(_ bytes: [UInt8], file: String) throws(OverlayError) -> [Resource] {
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseStream(bytes, file: file) } catch {
            throw OverlayError(.invalid, "malformed YAML: \(error)", file: file, hint: "fix the YAML syntax")
        }
        var out: [Resource] = []
        for d in docs { try add(d, file: file, into: &out) }
        return out
    }

    static func add(_ doc: YAMLNode, file: String, into out: inout [Resource]) throws(OverlayError) {
        if doc.isNull { return }
        if case .mapping(let p) = doc, p.isEmpty { return }
        guard doc.pairs != nil else {
            throw OverlayError(.invalid, "a resource must be a YAML mapping", file: file)
        }
        let kind = doc.string(at: "kind") ?? ""
        if kind.hasSuffix("List"), let items = doc["items"] {
            for item in items.items ?? [] { try add(item, file: file, into: &out) }
            if items.items == nil && !items.isNull {
                throw OverlayError(.invalid, "items of \(kind) must be a list", file: file, field: "items")
            }
            return
        }
        if kind.isEmpty {
            throw OverlayError(.invalid, "missing kind in resource", file: file, hint: "every object needs apiVersion and kind")
        }
        if (doc.string(at: "metadata", "name") ?? "").isEmpty {
            throw OverlayError(.invalid, "missing metadata.name in \(kind) resource", file: file,
                field: "metadata.name", hint: "every object needs a name")
        }
        out.append(Resource(node: doc))
    }
}
