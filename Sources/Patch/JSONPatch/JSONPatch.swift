import KealmYAML

/// RFC 6902 JSON patch: a list of `add`, `remove`, `replace`, `move`, `copy` and `test` operations
/// applied in order to a document (`application/json-patch+json`, kustomize `patchesJson6902` and
/// JSON `patches`). `-` appends to a list; negative indices count from the end, as the patch
/// library of Kubernetes and kustomize accepts. Errors name the operation's index and path.
/// `Dialect.kustomize` (the default) lets `replace` create a missing map key, as kustomize does;
/// the API server passes `.apiServer`.
public struct JSONPatch: Sendable, Hashable {
    /// One operation.
    public enum Operation: Sendable, Hashable {
        case add(JSONPointer, YAMLNode)
        case remove(JSONPointer)
        case replace(JSONPointer, YAMLNode)
        case move(from: JSONPointer, to: JSONPointer)
        case copy(from: JSONPointer, to: JSONPointer)
        case test(JSONPointer, YAMLNode)

        /// The target path.
        public var path: JSONPointer {
            switch self {
            case .add(let p, _), .remove(let p), .replace(let p, _), .test(let p, _): return p
            case .move(_, let p), .copy(_, let p): return p
            }
        }
    }

    /// The two patch libraries in use differ on one point.
    public enum Dialect: Sendable, Hashable {
        /// kustomize (json-patch v5): `replace` of a missing map key adds it.
        case kustomize
        /// The Kubernetes API server (json-patch v4): `replace` needs an existing value.
        case apiServer
    }

    /// The operations, in order.
    public var operations: [Operation]
    /// The dialect `apply` follows.
    public var dialect: Dialect = .kustomize

    public init(_ operations: [Operation], dialect: Dialect = .kustomize) {
        self.operations = operations
        self.dialect = dialect
    }

    /// Reads a patch document: a list of `{op, path, value|from}` maps (JSON or YAML).
    public init(document: YAMLNode, dialect: Dialect = .kustomize) throws {
        self.dialect = dialect
        guard let items = document.items else {
            throw PatchError(.jsonPatch, "a JSON patch must be a list of operations")
        }
        var ops: [Operation] = []
        for (i, item) in items.enumerated() {
            func pointer(_ key: String) throws -> JSONPointer {
                guard let s = item[key]?.scalar?.value else {
                    throw PatchError(.jsonPatch, "missing `\(key)`", operation: i)
                }
                guard let p = JSONPointer(s) else {
                    throw PatchError(.jsonPatch, "`\(key)` must be empty or start with /", path: s, operation: i)
                }
                return p
            }
            func value() throws -> YAMLNode {
                guard let v = item["value"] else {
                    throw PatchError(.jsonPatch, "missing `value`", path: item.string(at: "path"), operation: i)
                }
                return v
            }
            switch item.string(at: "op") {
            case "add": ops.append(.add(try pointer("path"), try value()))
            case "remove": ops.append(.remove(try pointer("path")))
            case "replace": ops.append(.replace(try pointer("path"), try value()))
            case "move": ops.append(.move(from: try pointer("from"), to: try pointer("path")))
            case "copy": ops.append(.copy(from: try pointer("from"), to: try pointer("path")))
            case "test": ops.append(.test(try pointer("path"), try value()))
            case let op:
                throw PatchError(
                    .jsonPatch, "unknown op '\(op ?? "")' (use add, remove, replace, move, copy or test)",
                    path: item.string(at: "path"), operation: i)
            }
        }
        operations = ops
    }

    /// Parses and applies a patch document in one step.
    public static func apply(_ document: YAMLNode, to target: YAMLNode, dialect: Dialect = .kustomize) throws -> YAMLNode {
        try JSONPatch(document: document, dialect: dialect).apply(to: target)
    }

    /// Applies the operations in order; the first failure stops and is reported.
    public func apply(to target: YAMLNode) throws -> YAMLNode {
        var doc = target
        for (i, op) in operations.enumerated() {
            do {
                doc = try Self.apply(op, to: doc, dialect: dialect)
            } catch var e as PatchError {
                e.operation = i
                if e.path == nil { e.path = op.path.description }
                throw e
            }
        }
        return doc
    }

    static func apply(_ op: Operation, to doc: YAMLNode, dialect: Dialect) throws -> YAMLNode {
        switch op {
        case .add(let p, let v):
            return try add(v, at: p, in: doc)
        case .remove(let p):
            return try remove(p, from: doc).doc
        case .replace(let p, let v):
            if dialect == .kustomize, p.value(in: doc) == nil, case .mapping? = p.parent.value(in: doc) {
                return try add(v, at: p, in: doc)
            }
            return try replace(p, with: v, in: doc)
        case .move(let from, let to):
            if from == to { return doc }
            if to.hasPrefix(from) {
                throw PatchError(.jsonPatch, "cannot move \(from) into its own child", path: to.description)
            }
            let (rest, value) = try remove(from, from: doc)
            return try add(value, at: to, in: rest)
        case .copy(let from, let to):
            guard let value = from.value(in: doc) else {
                throw PatchError(.jsonPatch, "nothing to copy at \(from)", path: to.description)
            }
            return try add(value, at: to, in: doc)
        case .test(let p, let v):
            guard let actual = p.value(in: doc) else {
                throw PatchError(.testFailed, "test failed: no value at the path", path: p.description)
            }
            if !Self.equal(actual, v) {
                throw PatchError(.testFailed, "test failed: value is \(JSON.encode(actual)), expected \(JSON.encode(v))", path: p.description)
            }
            return doc
        }
    }
}
