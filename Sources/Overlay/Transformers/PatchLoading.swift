import KealmModel
import KealmYAML

/// Reading strategic merge patches and finding the object an untargeted patch names.
enum PatchLoading {
    /// An entry of `patchesStrategicMerge`: a file path, or inline YAML.
    static func strategicMergePatches(_ entry: String, ctx: TransformContext) throws(OverlayError) -> [YAMLNode] {
        let joined = PathSyntax.join(ctx.dir, entry)
        var text = entry
        let isInline = entry.contains("\n") || entry.contains(": ")
        if !isInline {
            text = String(decoding: try ctx.read(entry), as: UTF8.self)
        } else if (try? ctx.loader.resolve(joined, asker: ctx.file).entry) == .file {
            text = String(decoding: try ctx.read(entry), as: UTF8.self)
        }
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseStream(text, file: isInline ? "inline patch" : joined) } catch {
            throw OverlayError(.invalid, "malformed patch: \(error)", file: ctx.file, field: "patchesStrategicMerge")
        }
        var out: [YAMLNode] = []
        for d in docs where !d.isNull {
            if case .mapping(let p) = d, p.isEmpty { continue }
            guard d.pairs != nil else {
                throw OverlayError(.invalid, "a strategic merge patch must be a mapping", file: ctx.file, field: "patchesStrategicMerge")
            }
            if d.string(at: "kind") == "List", let items = d["items"]?.items { out += items } else { out.append(d) }
        }
        if out.isEmpty {
            throw OverlayError(.invalid, "patch appears to be empty; \(entry)", file: ctx.file, field: "patchesStrategicMerge")
        }
        return out
    }

    /// The one object whose current or earlier id is the patch's id.
    static func uniqueTarget(of patch: YAMLNode, in set: ResourceSet, file: String) throws(OverlayError) -> Int {
        let gvk = GVK(apiVersion: patch.string(at: "apiVersion") ?? "", kind: patch.string(at: "kind") ?? "")
        let id = ResID(gvk: gvk, name: patch.string(at: "metadata", "name") ?? "", namespace: patch.string(at: "metadata", "namespace") ?? "")
        let matches = set.indices(matchingAny: id)
        if matches.isEmpty {
            throw OverlayError(.notFound, "no matches for Id \(id); failed to find unique target for patch \(id)", file: file,
                object: "\(gvk.kind) \(id.name)", hint: "the patch's apiVersion, kind, name and namespace must name an object of the build")
        }
        if matches.count > 1 {
            throw OverlayError(.conflict, "multiple matches for Id \(id); failed to find unique target for patch \(id)", file: file,
                object: "\(gvk.kind) \(id.name)", hint: "add metadata.namespace to the patch")
        }
        return matches[0]
    }
}
