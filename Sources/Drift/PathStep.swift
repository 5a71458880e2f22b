import KealmYAML

/// One concrete step into an object: a mapping field, or a list item by position with a label
/// for people (`[name=app]`, `[0]`).
public enum PathStep: Sendable, Hashable {
    case field(String)
    case item(Int, label: String)

    func resolve(in node: YAMLNode?) -> YAMLNode? {
        switch self {
        case .field(let f): return node?[f]
        case .item(let i, _): return node?.items?[safe: i]
        }
    }

    /// Renders a path as `spec.template.spec.containers[name=app].image`.
    public static func render(_ path: [PathStep]) -> String {
        var s = ""
        for step in path {
            switch step {
            case .field(let f):
                let plain = !f.isEmpty && f.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                if plain { s += s.isEmpty ? f : ".\(f)" } else { s += "[\"\(f)\"]" }
            case .item(_, let label): s += "[\(label)]"
            }
        }
        return s
    }
}
