import KealmModel
import KealmYAML
import Patch

/// Applies one strategic merge patch to selected objects, as kustomize does: the patch takes
/// the object's apiVersion and kind, and afterwards the object keeps its kind, name and
/// namespace unless the patch's options allow a change. A patch that deletes the object
/// removes it from the build.
enum PatchApplier {
    static func applySM(
        _ patch: YAMLNode, at indices: [Int], options: (allowName: Bool, allowKind: Bool), ctx: TransformContext,
        to acc: inout Accumulation, kind: String
    ) throws(OverlayError) {
        var deleted: [Int] = []
        for i in indices {
            var r = acc.resources[i]
            let name = r.name, ns = r.node[path: ["metadata", "namespace"]], k = r.node["kind"]
            var p = patch
            p["apiVersion"] = r.node["apiVersion"]
            if options.allowName || options.allowKind { r.rememberID() }
            let merged: YAMLNode?
            do {
                merged = try StrategicMerge.applyKeepingObject(patch: p, to: r.node, schema: acc.schema, gvk: r.gvk, mode: .kustomize)
            } catch {
                throw OverlayError(.invalid, "applying patch: \(error)", file: ctx.file, object: r.label, field: "patches")
            }
            guard var m = merged, !m.isNull, m.pairs?.isEmpty == false else {
                deleted.append(i)
                continue
            }
            if !options.allowKind { m["kind"] = k }
            if !options.allowName { m[path: ["metadata", "name"]] = .string(name) }
            m[path: ["metadata", "namespace"]] = ns
            if m[path: ["metadata"]]?.pairs?.isEmpty == true { m["metadata"] = nil }
            r.node = m
            acc.resources[i] = r
        }
        for i in deleted.sorted(by: >) { acc.resources.remove(at: i) }
    }
}
