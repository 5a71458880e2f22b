import KealmYAML
import Patch

/// `openapi: {path: …}` — an OpenAPI document giving merge keys of custom kinds to strategic
/// merge patches.
enum OpenAPIDocument {
    static func load(_ path: String, ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        let bytes = try ctx.read(path)
        do {
            let node = try KealmYAMLParse.one(bytes, file: path)
            acc.schema = acc.schema.adding(try OpenAPISchemaLoader.load(node, origin: path))
        } catch {
            throw overlayError(error, file: ctx.file, field: "openapi")
        }
    }
}
