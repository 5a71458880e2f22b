import KealmYAML

/// `crds:` — OpenAPI definition files of custom types. Properties annotated with
/// `x-kubernetes-object-ref-kind` (and `-api-version`, `-name-key`) become name-reference field
/// specs; `x-kubernetes-annotation`, `x-kubernetes-label-selector` and `x-kubernetes-identity`
/// add annotation, label and name-prefix field specs for the type's kind.
enum CRDSpecs {
    static func load(_ paths: [String], ctx: TransformContext, into acc: inout Accumulation) throws(OverlayError) {
        for p in paths {
            let bytes = try ctx.read(p)
            let node: YAMLNode
            do { node = try KealmYAMLParse.one(bytes, file: p) } catch { throw overlayError(error, file: ctx.file, field: "crds") }
            guard let defs = node.pairs else {
                throw OverlayError(.invalid, "\(p) is not a map of OpenAPI definitions", file: ctx.file, field: "crds")
            }
            var byName: [String: YAMLNode] = [:]
            for d in defs { byName[d.key.value] = d.value }
            var config = TransformerConfig()
            for d in defs {
                let props = d.value[path: ["Schema", "properties"]]
                guard props?["kind"] != nil, props?["apiVersion"] != nil, props?["metadata"] != nil else { continue }
                let kind = String(d.key.value.split(separator: ".").last ?? "")
                walk(type: d.key.value, kind: kind, path: [], defs: byName, into: &config, depth: 0)
            }
            acc.config = try acc.config.mergedAsKustomize(config, file: ctx.file)
        }
    }

    static func walk(type: String, kind: String, path: [String], defs: [String: YAMLNode], into c: inout TransformerConfig, depth: Int) {
        guard depth < 32, let props = defs[type]?[path: ["Schema", "properties"]]?.pairs else { return }
        for p in props {
            let here = path + [p.key.value]
            func spec(_ extra: [String] = []) -> FieldSpec {
                FieldSpec(kind: kind, path: (here + extra).joined(separator: "/"))
            }
            let v = p.value
            if v["x-kubernetes-annotation"] != nil { c.commonAnnotations.merge([spec()]) }
            if v["x-kubernetes-label-selector"] != nil { c.commonLabels.merge([spec()]) }
            if v["x-kubernetes-identity"] != nil { c.namePrefix.merge([spec()]) }
            if let version = v.string(at: "x-kubernetes-object-ref-api-version"), let refKind = v.string(at: "x-kubernetes-object-ref-kind") {
                let key = v.string(at: "x-kubernetes-object-ref-name-key") ?? "name"
                c.merge(TransformerConfig(nameReference: [
                    TransformerConfig.NameBackReference(group: "", version: version, kind: refKind, referrers: [spec([key])])
                ]))
            }
            if let ref = v.string(at: "$ref") {
                walk(type: ref, kind: kind, path: here, defs: defs, into: &c, depth: depth + 1)
            }
        }
    }
}
