import KealmYAML

/// The `list` generator: one parameter set per element of `elements` (and of `elementsYaml`).
/// With fasttemplate, element values must be strings, and a `values` map becomes `values.<k>`.
struct ListGenerator {
    let engine: GeneratorEngine

    func generate(_ spec: YAMLNode, field: String) throws(GenerationError) -> [Params] {
        var out: [Params] = []
        for (i, el) in (spec["elements"]?.items ?? []).enumerated() {
            let f = "\(field).elements[\(i)]"
            guard let pairs = el.pairs else { throw engine.fail(f, "error unmarshling list element: expected a mapping") }
            if engine.appSet.goTemplate {
                guard case .map(let m) = TemplateValue(el) else { continue }
                out.append(m)
                continue
            }
            var params: Params = [:]
            for p in pairs {
                if p.key.value == "values" {
                    guard let vs = p.value.pairs else { throw engine.fail("\(f).values", "error parsing values map") }
                    for v in vs {
                        guard case .string(let s) = TemplateValue(v.value) else {
                            throw engine.fail("\(f).values.\(v.key.value)", "error parsing value as string")
                        }
                        params["values.\(v.key.value)"] = .string(s)
                    }
                } else {
                    guard case .string(let s) = TemplateValue(p.value) else {
                        throw engine.fail("\(f).\(p.key.value)", "error parsing value as string")
                    }
                    params[p.key.value] = .string(s)
                }
            }
            out.append(params)
        }
        if let text = spec["elementsYaml"]?.string, !text.isEmpty {
            do {
                let node = try YAMLParser.parse(text)
                for (i, el) in (node.items ?? []).enumerated() {
                    guard case .map(let m) = TemplateValue(el) else {
                        throw engine.fail("\(field).elementsYaml[\(i)]", "error unmarshling decoded ElementsYaml: expected a mapping")
                    }
                    out.append(m)
                }
                if node.items == nil && !node.isNull {
                    throw engine.fail("\(field).elementsYaml", "error unmarshling decoded ElementsYaml: expected a list")
                }
            } catch let e as GenerationError {
                throw e
            } catch {
                throw engine.fail("\(field).elementsYaml", "error unmarshling decoded ElementsYaml: \(error)")
            }
        }
        return out
    }
}
