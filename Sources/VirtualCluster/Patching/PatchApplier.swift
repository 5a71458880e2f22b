import KealmModel
import KealmYAML
import Patch

/// The four PATCH content types.
enum PatchKind: Sendable, Equatable {
    case json, merge, strategic, apply

    init(contentType: String, resource: ResourceInfo) throws(APIError) {
        switch contentType {
        case "application/json-patch+json": self = .json
        case "application/merge-patch+json": self = .merge
        case "application/strategic-merge-patch+json":
            if resource.isCustom {
                throw APIError.unsupportedMedia("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
            }
            self = .strategic
        case "application/apply-patch+yaml", "application/apply-patch+cbor": self = .apply
        default:
            throw APIError.unsupportedMedia("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json")
        }
    }
}

/// Everything a patch needs besides the current object.
struct PatchContext: Sendable {
    var resource: ResourceInfo
    var kind: PatchKind
    var patch: String
    var manager: String
    var force: Bool
    var now: String
    var subresource: Subresource
    var name: String
    var namespace: String
    /// The patch schema (built-in kinds, plus the CRD's list types for custom resources).
    var schema: PatchSchema = .builtin
}

/// Applies a patch to the current object (nil when absent, for server-side apply creating it).
enum PatchApplier {
    static func apply(_ ctx: PatchContext, to old: YAMLNode?) throws(APIError) -> YAMLNode {
        let patch: YAMLNode
        do { patch = try JSON.decode(ctx.patch) } catch {
            throw APIError.badRequest("the patch could not be decoded: \(error)")
        }
        let r = ctx.resource
        switch ctx.kind {
        case .apply:
            return try ServerSideApplier.apply(ctx, patch: patch, to: old)
        case .merge, .json, .strategic:
            guard let old else { throw APIError.notFound(r, ctx.name) }
            var out: YAMLNode
            do {
                switch ctx.kind {
                case .merge:
                    guard patch.pairs != nil else { throw APIError.badRequest("a merge patch must be a JSON object") }
                    out = MergePatch.apply(patch, to: old)
                case .json:
                    guard patch.items != nil else { throw APIError.badRequest("a JSON patch must be a JSON array of operations") }
                    out = try JSONPatch.apply(patch, to: old)
                default:
                    let gvk = GVK(group: r.group, version: r.version, kind: r.kind)
                    guard let merged = try StrategicMerge.applyKeepingObject(patch: patch, to: old, schema: ctx.schema, gvk: gvk, mode: .apiServer)
                    else { throw APIError.badRequest("a strategic merge patch cannot delete the whole object; use DELETE") }
                    out = merged
                }
            } catch let e as APIError {
                throw e
            } catch let e as PatchError {
                if e.code == .testFailed { throw APIError.invalid(r, ctx.name, e.description) }
                throw APIError(422, "Invalid", "\(r.kind) \"\(ctx.name)\" is invalid: \(e.description)", details: (ctx.name, r.group, r.kind))
            } catch {
                throw APIError.badRequest("\(error)")
            }
            return ManagedFieldsRecorder.recordUpdate(old: old, new: out, manager: ctx.manager, apiVersion: r.apiVersion, now: ctx.now,
                                                      subresource: ctx.subresource, schema: ctx.schema)
        }
    }
}

/// Records `managedFields` entries for writes that are not server-side apply (the writer owns
/// what it added or changed), through the Patch module's `ServerSideApply.recordUpdate`.
enum ManagedFieldsRecorder {
    static func recordUpdate(old: YAMLNode?, new: YAMLNode, manager: String, apiVersion: String, now: String,
                             subresource: Subresource, schema: PatchSchema = .builtin) -> YAMLNode {
        guard let av = new.string(at: "apiVersion") ?? old?.string(at: "apiVersion"), let kind = new.string(at: "kind") ?? old?.string(at: "kind")
        else { return new }
        let gvk = GVK(apiVersion: av, kind: kind)
        guard let res = try? ServerSideApply.recordUpdate(old: old, new: new, manager: manager, schema: schema, gvk: gvk, time: now,
                                                          subresource: subresource == .status ? "status" : nil)
        else { return new }
        return res.object
    }
}
