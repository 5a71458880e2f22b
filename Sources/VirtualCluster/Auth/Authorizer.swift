/// Decides whether a token may make a request: the cluster, the namespace and the verb must be in its scope.
enum Authorizer {
    /// Throws 403 when the token's cluster differs from the request's.
    static func checkCluster(_ t: TokenRecord, _ cluster: String) throws(APIError) {
        if t.cluster != "*" && t.cluster != cluster {
            throw APIError.forbidden("User \"\(t.label)\" cannot access logical cluster \"\(cluster)\"")
        }
    }

    /// Throws 403 when the verb or the namespace is outside the token's scope. Tokens limited to
    /// namespaces may not touch cluster-scoped resources, except reading their own Namespace objects.
    static func checkResource(_ t: TokenRecord, verb: String, resource r: ResourceInfo, namespace: String?, name: String?) throws(APIError) {
        let what = "User \"\(t.label)\" cannot \(verb) resource \"\(r.plural)\" in API group \"\(r.group)\""
        if !t.verbs.isEmpty && !t.verbs.contains(verb) {
            throw APIError.forbidden("\(r.plural) is forbidden: \(what)\(namespace.map { " in the namespace \"\($0)\"" } ?? "")")
        }
        guard !t.namespaces.isEmpty else { return }
        if r.namespaced {
            guard let namespace, t.namespaces.contains(namespace) else {
                throw APIError.forbidden("\(r.plural) is forbidden: \(what)\(namespace.map { " in the namespace \"\($0)\"" } ?? " at the cluster scope")")
            }
        } else if r.kind == "Namespace", let name, t.namespaces.contains(name), verb == "get" || verb == "watch" {
            return
        } else {
            throw APIError.forbidden("\(r.plural) is forbidden: \(what) at the cluster scope")
        }
    }
}
