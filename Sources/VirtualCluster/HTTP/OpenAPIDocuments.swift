/// Minimal OpenAPI v3 documents: one per group-version, with a PATCH operation per resource that
/// carries `x-kubernetes-group-version-kind` and the `fieldValidation` parameter. That is what
/// `kubectl apply` checks before it leaves validation to the server (`fieldValidation=Strict`).
enum OpenAPIDocuments {
    /// The group-version path (`api/v1`, `apis/apps/v1`) of a resource.
    static func gvPath(_ r: ResourceInfo) -> String { r.group.isEmpty ? "api/\(r.version)" : "apis/\(r.group)/\(r.version)" }

    /// `/openapi/v3`: the list of documents with content-hashed URLs.
    static func root(_ registry: ResourceRegistry, prefix: String) -> String {
        var seen: [String] = []
        for r in registry.all where !seen.contains(gvPath(r)) { seen.append(gvPath(r)) }
        let entries = seen.map { gv -> (String, String) in
            let hash = String(document(registry, gv)?.hashValueStable ?? 0, radix: 16)
            return (gv, JSONText.object([("serverRelativeURL", JSONText.str("\(prefix)/openapi/v3/\(gv)?hash=\(hash)"))]))
        }
        return JSONText.object([("paths", JSONText.object(entries))])
    }

    /// The document of one group-version, or nil when none of its resources is served.
    static func document(_ registry: ResourceRegistry, _ gv: String) -> String? {
        let rs = registry.all.filter { gvPath($0) == gv }
        if rs.isEmpty { return nil }
        var paths: [(String, String)] = []
        for r in rs {
            let base = "/\(gv)" + (r.namespaced ? "/namespaces/{namespace}" : "") + "/\(r.plural)/{name}"
            let gvk = JSONText.object([("group", JSONText.str(r.group)), ("version", JSONText.str(r.version)), ("kind", JSONText.str(r.kind))])
            func param(_ name: String, _ loc: String) -> String {
                JSONText.object([("name", JSONText.str(name)), ("in", JSONText.str(loc)), ("schema", "{\"type\":\"string\"}")])
            }
            var params = [param("name", "path"), param("fieldValidation", "query"), param("fieldManager", "query"), param("dryRun", "query")]
            if r.namespaced { params.append(param("namespace", "path")) }
            let op = JSONText.object([
                ("operationId", JSONText.str("patch\(r.kind)")), ("x-kubernetes-action", JSONText.str("patch")),
                ("x-kubernetes-group-version-kind", gvk), ("parameters", JSONText.array(params)),
                ("responses", "{\"200\":{\"description\":\"OK\"}}"),
            ])
            paths.append((base, JSONText.object([("patch", op)])))
        }
        return JSONText.object([
            ("openapi", JSONText.str("3.0.0")),
            ("info", JSONText.object([("title", JSONText.str("Kubernetes")), ("version", JSONText.str(Discovery.gitVersion))])),
            ("paths", JSONText.object(paths)), ("components", "{\"schemas\":{}}"),
        ])
    }
}
