import KealmYAML

/// `buildMetadata:` options: origin annotations, transformer annotations, managed-by label.
enum BuildMetadata {
    static let originAnnotation = "config.kubernetes.io/origin"
    static let transformationsAnnotation = "alpha.config.kubernetes.io/transformations"
    static let managedByLabel = "app.kubernetes.io/managed-by"
    /// What kustomize as built into kubectl reports as its version in the managed-by label.
    static let managedByValue = "kustomize-(devel)"

    static func by(_ p: Provenance, indent: String) -> String {
        var s = "\(indent)apiVersion: builtin\n\(indent)kind: \(p.kind)\n"
        if let n = p.name { s += "\(indent)name: \(n)\n" }
        if let ns = p.namespace { s += "\(indent)namespace: \(ns)\n" }
        return s
    }

    static func finish(_ r: Resource, keep: [String], topDir: String) -> YAMLNode {
        var node = r.node
        if keep.isEmpty { return node }
        if keep.contains("originAnnotations") {
            var text: String?
            if let f = r.originFile {
                text = "path: \(PathSyntax.relative(f, to: topDir))\n"
            } else if let g = r.originGenerator {
                text = "configuredIn: \(PathSyntax.relative(g.file, to: topDir))\nconfiguredBy:\n" + by(g, indent: "  ")
            }
            if let text { node[path: ["metadata", "annotations", originAnnotation]] = .scalar(YAMLScalar(text)) }
        }
        if keep.contains("transformerAnnotations"), !r.transformations.isEmpty {
            var text = ""
            for t in r.transformations {
                text += "- configuredIn: \(PathSyntax.relative(t.file, to: topDir))\n  configuredBy:\n" + by(t, indent: "    ")
            }
            node[path: ["metadata", "annotations", transformationsAnnotation]] = .scalar(YAMLScalar(text))
        }
        if keep.contains("managedByLabel") {
            node[path: ["metadata", "labels", managedByLabel]] = .scalar(YAMLScalar(managedByValue))
        }
        return node
    }
}
