import KealmModel
import KealmYAML

/// Generates the Applications of an ApplicationSet: every generator's parameter sets rendered
/// through the template (the generator's own template merged over the ApplicationSet's), then
/// `templatePatch`, namespace defaulting and the owner reference.
///
/// It either returns every Application or throws: an error is never an empty list.
public enum ApplicationGenerator {
    public static func generate(_ appSet: ApplicationSetSpec, inputs: GenerationInputs) throws(GenerationError) -> [YAMLNode] {
        let engine = GeneratorEngine(appSet: appSet, inputs: inputs)
        let renderer = engine.renderer
        var apps: [YAMLNode] = []
        var names = Set<String>()
        for (i, g) in appSet.generators.enumerated() {
            for out in try engine.transform(g, field: "spec.generators[\(i)]") {
                let template = out.template.map { $0.filled(from: appSet.template) } ?? appSet.template
                for params in out.params {
                    let app = try render(appSet, template: template, params: params, renderer: renderer)
                    let name = app.string(at: "metadata", "name") ?? ""
                    if name.isEmpty {
                        throw GenerationError(reason: "ApplicationValidationError", "an Application generated from parameters \(describe(params)) has no name",
                            object: appSet.displayName, field: "spec.template.metadata.name")
                    }
                    if !names.insert(name).inserted {
                        throw GenerationError(reason: "ApplicationValidationError",
                            "ApplicationSet \(appSet.name) contains applications with duplicate name: \(name)", object: appSet.displayName)
                    }
                    apps.append(app)
                }
            }
        }
        return apps
    }

    static func describe(_ p: Params) -> String {
        "{" + p.keys.sorted().map { "\($0): \(p[$0]!.goString)" }.joined(separator: ", ") + "}"
    }

    static func render(_ appSet: ApplicationSetSpec, template: YAMLNode, params: Params, renderer: NodeRenderer) throws(GenerationError)
        -> YAMLNode
    {
        func fail(_ e: TemplateError, _ field: String) -> GenerationError {
            GenerationError(reason: "RenderTemplateParamsError", e.message, object: appSet.displayName, field: field)
        }
        var rendered: YAMLNode
        do { rendered = try renderer.render(template, params) } catch { throw fail(error, "spec.template") }
        let meta = rendered["metadata"] ?? .emptyMapping
        var metadata: [YAMLPair] = [YAMLPair("name", meta["name"] ?? .string(""))]
        let ns = meta.string(at: "namespace").flatMap { $0.isEmpty ? nil : $0 } ?? appSet.namespace
        metadata.append(YAMLPair("namespace", .string(ns)))
        for key in ["labels", "annotations", "finalizers"] {
            if let v = meta[key], !v.isEmptyValue { metadata.append(YAMLPair(key, v)) }
        }
        var owner: [YAMLPair] = [
            YAMLPair("apiVersion", .string("argoproj.io/v1alpha1")), YAMLPair("kind", .string("ApplicationSet")),
            YAMLPair("name", .string(appSet.name)),
        ]
        if let uid = appSet.uid { owner.append(YAMLPair("uid", .string(uid))) }
        owner += [YAMLPair("controller", .bool(true)), YAMLPair("blockOwnerDeletion", .bool(true))]
        metadata.append(YAMLPair("ownerReferences", .sequence([.mapping(owner)])))
        var app: YAMLNode = .mapping([
            YAMLPair("apiVersion", .string("argoproj.io/v1alpha1")), YAMLPair("kind", .string("Application")),
            YAMLPair("metadata", .mapping(metadata)), YAMLPair("spec", rendered["spec"] ?? .emptyMapping),
        ])
        if let patch = appSet.templatePatch, !patch.isEmpty {
            guard appSet.goTemplate else {
                throw GenerationError(reason: "RenderTemplateParamsError", "templatePatch needs goTemplate: true",
                    object: appSet.displayName, field: "spec.templatePatch")
            }
            let text: String
            do { text = try GoTemplate.render(patch, params, options: appSet.goTemplateOptions) } catch {
                throw fail(error, "spec.templatePatch")
            }
            let patchNode: YAMLNode
            do { patchNode = try YAMLParser.parse(text, file: "templatePatch") } catch {
                throw GenerationError(reason: "RenderTemplateParamsError", "error unmarshalling patch into object: \(error)",
                    object: appSet.displayName, field: "spec.templatePatch")
            }
            if patchNode.pairs != nil {
                var patchBody = patchNode
                patchBody["apiVersion"] = nil
                patchBody["kind"] = nil
                app = app.patched(with: patchBody)
            }
        }
        return app
    }
}
