import KealmYAML

extension LogicalCluster {
    /// Prunes and validates a custom resource against its CRD version's schema before it is
    /// stored (422 Invalid with one cause per failed field). Built-in kinds pass unchanged.
    func conformToSchema(_ st: ClusterState, _ r: ResourceInfo, _ node: inout YAMLNode) throws(APIError) {
        guard let schema = st.registry.customDetails(r)?.schema else { return }
        let check = CRDSchemaCheck(root: schema)
        _ = check.prune(&node)
        let causes = check.validate(node)
        if !causes.isEmpty { throw APIError.invalidFields(r, node.string(at: "metadata", "name") ?? "", causes) }
    }
}

/// `fieldValidation=Strict`: unknown fields of a custom resource fail the request (400), as the
/// API server's strict decoding does, instead of being pruned.
enum StrictFieldCheck {
    static func check(_ request: APIRequest, _ r: ResourceInfo, _ registry: ResourceRegistry, _ node: YAMLNode) throws(APIError) {
        guard request.query["fieldValidation"] == "Strict", let schema = registry.customDetails(r)?.schema else { return }
        var copy = node
        let unknown = CRDSchemaCheck(root: schema).prune(&copy)
        guard !unknown.isEmpty else { return }
        let list = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        throw APIError.badRequest("\(r.kind) in version \"\(r.version)\" cannot be handled as a \(r.kind): strict decoding error: \(list)")
    }
}

extension APIError {
    /// 422 Invalid for a custom resource, naming every failed field (`details.causes`).
    static func invalidFields(_ r: ResourceInfo, _ name: String, _ causes: [FieldCause]) -> APIError {
        let qualified = r.group.isEmpty ? r.kind : "\(r.kind).\(r.group)"
        let joined = causes.count == 1 ? causes[0].text : "[" + causes.map(\.text).joined(separator: ", ") + "]"
        var e = APIError(422, "Invalid", "\(qualified) \"\(name)\" is invalid: \(joined)", details: (name, r.group, r.kind))
        e.causes = causes.map { ($0.reason, $0.message, $0.field) }
        return e
    }
}
