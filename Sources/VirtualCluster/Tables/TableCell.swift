import KealmYAML

/// One cell of a `meta.k8s.io/v1` Table row. kubectl prints `<none>` for `.none`.
enum TableCell: Sendable, Equatable {
    case text(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case none

    /// The cell as JSON text.
    var json: String {
        switch self {
        case .text(let s): return JSONText.str(s)
        case .int(let i): return String(i)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "null"
        }
    }

    /// A cell holding a JSON value as a column of the given OpenAPI type shows it
    /// (a CRD printer column: integers, numbers, booleans, dates as ages, strings as printed).
    static func of(_ node: YAMLNode?, type: String, now: Double) -> TableCell {
        guard let node, !node.isNull else { return .none }
        switch type {
        case "integer":
            if let i = node.intValue { return .int(i) }
            if let d = node.scalar.flatMap({ Double($0.value) }), node.scalarKind == .float { return .int(Int(d)) }
            return .none
        case "number":
            if node.scalarKind == .int || node.scalarKind == .float, let d = node.scalar.flatMap({ Double($0.value) }) { return .number(d) }
            return .none
        case "boolean":
            return node.boolValue.map { .bool($0) } ?? TableCell.none
        case "date":
            guard node.scalarKind == .string, let s = node.string else { return .none }
            guard let t = ServerClock.parse(s) else { return .text("<invalid>") }
            return .text(HumanAge.since(t, now: now))
        default:
            switch node {
            case .scalar(let s): return .text(s.value)
            case .mapping, .sequence: return .text(JSON.encode(node))
            }
        }
    }
}

/// A column of a Table (`columnDefinitions[]`).
struct TableColumn: Sendable, Equatable {
    var name: String
    var type: String = "string"
    var format: String = ""
    var description: String = ""
    /// 0: shown by `kubectl get`; 1 and above: only with `-o wide`.
    var priority: Int = 0

    var json: String {
        JSONText.object([
            ("name", JSONText.str(name)), ("type", JSONText.str(type)), ("format", JSONText.str(format)),
            ("description", JSONText.str(description)), ("priority", String(priority)),
        ])
    }

    static let name = TableColumn(name: "Name", format: "name", description: "Name must be unique within a namespace.")
    static let age = TableColumn(name: "Age", type: "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created.")
    static let createdAt = TableColumn(name: "Created At", type: "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created.")

    /// A string column shown by default.
    static func text(_ name: String, _ description: String = "", wide: Bool = false) -> TableColumn {
        TableColumn(name: name, description: description, priority: wide ? 1 : 0)
    }

    /// An integer column shown by default.
    static func integer(_ name: String, _ description: String = "", wide: Bool = false) -> TableColumn {
        TableColumn(name: name, type: "integer", description: description, priority: wide ? 1 : 0)
    }
}
