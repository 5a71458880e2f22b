import KealmModel
import KealmYAML
import Patch

/// Server-side apply (`application/apply-patch+yaml`) on top of the Patch module's
/// `ServerSideApply`: field ownership in `metadata.managedFields`, conflicts as 409 unless `force`.
enum ServerSideApplier {
    static func apply(_ ctx: PatchContext, patch: YAMLNode, to old: YAMLNode?) throws(APIError) -> YAMLNode {
        let r = ctx.resource
        guard patch.pairs != nil else { throw APIError.badRequest("an applied configuration must be an object") }
        if let n = patch.string(at: "metadata", "name"), n != ctx.name {
            throw APIError.badRequest("the name of the object (\(n)) does not match the name on the URL (\(ctx.name))")
        }
        if patch.string(at: "apiVersion") == nil || patch.string(at: "kind") == nil {
            throw APIError.badRequest("an applied configuration must set apiVersion and kind")
        }
        let gvk = GVK(group: r.group, version: r.version, kind: r.kind)
        do {
            let res = try ServerSideApply.apply(config: patch, to: old, manager: ctx.manager, force: ctx.force, schema: ctx.schema, gvk: gvk,
                                                time: ctx.now, subresource: ctx.subresource == .status ? "status" : nil)
            var out = res.object
            if old == nil && out.string(at: "metadata", "name") == nil { out[path: ["metadata", "name"]] = .string(ctx.name) }
            return out
        } catch let e as ApplyConflict {
            throw APIError(409, "Conflict", e.description, details: (ctx.name, r.group, r.plural))
        } catch {
            throw APIError(422, "Invalid", "\(r.kind) \"\(ctx.name)\" is invalid: \(error)", details: (ctx.name, r.group, r.kind))
        }
    }
}
