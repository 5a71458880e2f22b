import KealmModel
import KealmYAML

/// The parameter sets one generator produced, and its own template (merged over the ApplicationSet's).
public struct GeneratorOutput: Sendable {
    public var params: [Params]
    public var template: YAMLNode?
}

/// Runs generators: dispatches on the generator kind, interpolates nested generators with the
/// parameters of the one before (matrix), and applies post-selectors.
struct GeneratorEngine {
    let appSet: ApplicationSetSpec
    let inputs: GenerationInputs
    let renderer: NodeRenderer

    init(appSet: ApplicationSetSpec, inputs: GenerationInputs) {
        self.appSet = appSet
        self.inputs = inputs
        renderer = NodeRenderer(goTemplate: appSet.goTemplate, options: appSet.goTemplateOptions)
    }

    static let kinds = ["list", "clusters", "git", "clusterDecisionResource", "matrix", "merge"]
    static let unsupported = ["pullRequest", "scmProvider", "plugin"]

    func fail(_ field: String, _ message: String, _ category: ErrorCategory = .invalid) -> GenerationError {
        GenerationError(category, message, object: appSet.displayName, field: field)
    }

    /// The outputs of one generator entry (one per generator kind it names).
    func transform(_ generator: YAMLNode, field: String, inherited: Params? = nil) throws(GenerationError) -> [GeneratorOutput] {
        var gen = generator
        if let inherited, !inherited.isEmpty {
            do {
                gen = try renderer.render(generator, inherited)
            } catch {
                throw fail(field, "error interpolating params for generator: \(error.message)")
            }
        }
        guard let pairs = gen.pairs else { throw fail(field, "a generator must be a mapping") }
        let selector: LabelSelector?
        do {
            selector = try FieldReader(object: appSet.displayName).selector(gen["selector"], "\(field).selector")
        } catch {
            throw fail(field, error.description)
        }
        var outputs: [GeneratorOutput] = []
        for p in pairs where p.key.value != "selector" {
            let kind = p.key.value
            let f = "\(field).\(kind)"
            if Self.unsupported.contains(kind) { throw fail(f, "the \(kind) generator is not supported by Kealm") }
            guard Self.kinds.contains(kind) else { throw fail(f, "unknown generator '\(kind)'") }
            if p.value.isNull { continue }
            var params: [Params]
            switch kind {
            case "list": params = try ListGenerator(engine: self).generate(p.value, field: f)
            case "clusters": params = try ClustersGenerator(engine: self).generate(p.value, field: f)
            case "clusterDecisionResource": params = try DuckTypeGenerator(engine: self).generate(p.value, field: f)
            case "git": params = try GitGenerator(engine: self).generate(p.value, field: f)
            case "matrix": params = try MatrixGenerator(engine: self).generate(p.value, field: f)
            default: params = try MergeGenerator(engine: self).generate(p.value, field: f)
            }
            if let selector, !selector.isEmpty {
                params = params.filter { selector.matches(TemplateValue.flatten($0)) }
            }
            outputs.append(GeneratorOutput(params: params, template: p.value["template"]))
        }
        if outputs.isEmpty { throw fail(field, "the generator names no generator kind") }
        return outputs
    }

    /// The parameters of a nested generator (inside matrix or merge): exactly one kind.
    func nestedParams(_ generator: YAMLNode, field: String, inherited: Params?) throws(GenerationError) -> [Params] {
        let outs = try transform(generator, field: field, inherited: inherited)
        guard outs.count == 1 else { throw fail(field, "there should be exactly one generator kind in a nested generator") }
        return outs[0].params
    }

    /// Adds `values` to params: `values.<k>` keys (fasttemplate) or a `values` map (Go templates),
    /// each value rendered with the params first when `templated`.
    func addValues(_ values: [YAMLPair], to params: inout Params, field: String, templated: Bool = true) throws(GenerationError) {
        var rendered: [String: TemplateValue] = [:]
        for v in values {
            let text = v.value.scalar?.value ?? ""
            do {
                rendered[v.key.value] = .string(templated ? try renderer.render(text, params) : text)
            } catch {
                throw fail("\(field).values.\(v.key.value)", "failed to replace templated string: \(error.message)")
            }
        }
        if appSet.goTemplate {
            if !rendered.isEmpty { params["values"] = .map(rendered) }
        } else {
            for (k, v) in rendered { params["values.\(k)"] = v }
        }
    }
}
