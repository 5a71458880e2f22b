import KealmModel
import KealmYAML
import Patch

/// `patchesStrategicMerge:` — each patch applies to the one object whose (current or earlier)
/// id equals the patch's apiVersion, kind, name and namespace.
enum PatchStrategicMergeTransformer {
    static func apply(_ entries: [String], ctx: TransformContext, to acc: inout Accumulation) throws(OverlayError) {
        for entry in entries {
            for patch in try PatchLoading.strategicMergePatches(entry, ctx: ctx) {
                let i = try PatchLoading.uniqueTarget(of: patch, in: acc.resources, file: ctx.file)
                try PatchApplier.applySM(patch, at: [i], options: (false, false), ctx: ctx, to: &acc, kind: "PatchStrategicMergeTransformer")
            }
        }
    }
}

/// `patches:` (strategic merge or JSON 6902, inline or from a file, with an optional target
/// selector) and `patchesJson6902:`.
enum PatchTransformer {
    static func apply(_ spec: Kustomization.PatchSpec, ctx: TransformContext, to acc: inout Accumulation, json6902Only: Bool = false)
        throws(OverlayError)
    {
        var text = spec.patch ?? ""
        if let path = spec.path {
            text = String(decoding: try ctx.read(path), as: UTF8.self)
        }
        let where_ = spec.path ?? "inline patch"
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseStream(text, file: where_).filter { !$0.isNull } } catch {
            throw OverlayError(.invalid, "unable to parse SM or JSON patch from \(where_): \(error)", file: ctx.file, field: "patches")
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || docs.isEmpty {
            throw OverlayError(.invalid, "patch \(where_) is empty", file: ctx.file, field: "patches")
        }
        let isJSON = docs.count == 1 && docs[0].items != nil
        if json6902Only && !isJSON {
            throw OverlayError(.invalid, "patch \(where_) is not a JSON 6902 patch (a list of operations)", file: ctx.file,
                field: "patchesJson6902")
        }
        if isJSON {
            guard let t = spec.target else {
                throw OverlayError(.invalid, "must specify a target for JSON patch \(where_)", file: ctx.file, field: "patches.target")
            }
            if json6902Only && (t.name ?? "").isEmpty {
                throw OverlayError(.invalid, "must specify the target name", file: ctx.file, field: "patchesJson6902.target.name")
            }
            let ops: JSONPatch
            do { ops = try JSONPatch(document: docs[0]) } catch {
                throw OverlayError(.invalid, "invalid JSON patch \(where_): \(error)", file: ctx.file, field: "patches")
            }
            let selector = try Selector(t, file: ctx.file)
            for i in selector.select(acc.resources) {
                var r = acc.resources[i]
                r.rememberID()
                do { r.node = try ops.apply(to: r.node) } catch {
                    throw OverlayError(.invalid, "applying JSON patch \(where_): \(error)", file: ctx.file, object: r.label, field: "patches")
                }
                acc.resources[i] = r
            }
            return
        }
        for d in docs where d.pairs == nil {
            throw OverlayError(.invalid, "unable to parse SM or JSON patch from \(where_)", file: ctx.file, field: "patches")
        }
        let options = (spec.allowNameChange, spec.allowKindChange)
        if let t = spec.target {
            if docs.count > 1 {
                throw OverlayError(.invalid, "Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field",
                    file: ctx.file, field: "patches")
            }
            let selector = try Selector(t, file: ctx.file)
            try PatchApplier.applySM(docs[0], at: selector.select(acc.resources), options: options, ctx: ctx, to: &acc, kind: "PatchTransformer")
            return
        }
        for patch in docs {
            let i = try PatchLoading.uniqueTarget(of: patch, in: acc.resources, file: ctx.file)
            try PatchApplier.applySM(patch, at: [i], options: options, ctx: ctx, to: &acc, kind: "PatchTransformer")
        }
    }
}

import Foundation
