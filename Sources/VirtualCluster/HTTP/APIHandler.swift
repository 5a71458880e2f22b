import KealmYAML

/// The Kubernetes-compatible API: routes a request to a logical cluster, authenticates and
/// authorizes it, and serves discovery, OpenAPI, CRUD, patch and watch.
public struct APIHandler: Sendable {
    public let hub: Hub
    /// `host:port` reported in `/api`.
    public var serverAddress: String
    /// When false every request is served as the admin (unit tests, throwaway servers).
    public var requireAuth: Bool
    /// Seconds between watch bookmarks (when the client allows them).
    public var bookmarkInterval: Double = 5

    public init(hub: Hub, serverAddress: String, requireAuth: Bool = true) {
        self.hub = hub
        self.serverAddress = serverAddress
        self.requireAuth = requireAuth
    }

    /// Serves one request.
    public func handle(_ req: APIRequest) async -> APIResponse {
        do {
            return try route(req)
        } catch {
            return .error(error)
        }
    }

    func route(_ req: APIRequest) throws(APIError) -> APIResponse {
        var segs = req.path.split(separator: "/").map { APIRequest.percentDecode(String($0)) }
        var clusterName = Hub.defaultCluster
        var prefix = ""
        var pathToken: String?
        if segs.first == "auth" {
            guard segs.count >= 2 else { throw APIError.unauthorized() }
            pathToken = segs[1]
            prefix = "/auth/\(segs[1])"
            segs.removeFirst(2)
        }
        if segs.first == "clusters" {
            guard segs.count >= 2 else { throw APIError.notFoundPath(req.path) }
            clusterName = segs[1]
            prefix += "/clusters/\(clusterName)"
            segs.removeFirst(2)
        }
        switch segs.first {
        case "version": return .json(200, Discovery.version())
        case "healthz", "readyz", "livez":
            return APIResponse(status: 200, contentType: "text/plain", body: .json("ok"))
        default: break
        }
        let token: TokenRecord
        if requireAuth {
            guard let t = ClientCertificateIdentity.credential(token: req.token ?? pathToken, clientCertificateFingerprint: req.clientCertificate),
                  let rec = hub.authenticate(t)
            else { throw APIError.unauthorized() }
            token = rec
        } else {
            token = TokenRecord(token: "", cluster: "*", label: "admin")
        }
        if segs == ["metrics"] {
            // kube-apiserver's request counter, for the admin (the hub as a whole, every logical cluster).
            guard token.isAdmin else {
                throw APIError.forbidden("User \"\(token.label)\" cannot get path \"/metrics\"")
            }
            return APIResponse(status: 200, contentType: "text/plain; version=0.0.4", body: .json(hub.requests.prometheusText()))
        }
        try Authorizer.checkCluster(token, clusterName)
        let cluster = try hub.cluster(clusterName)
        let registry = cluster.registry
        guard let first = segs.first else {
            return .json(200, JSONText.object([("paths", JSONText.strings(["/api", "/apis", "/healthz", "/openapi/v3", "/version"]))]))
        }
        switch first {
        case "api":
            if segs.count == 1 { return .json(200, Discovery.apiVersions(serverAddress: req.host ?? serverAddress)) }
            if segs.count == 2 {
                guard let doc = Discovery.resourceList(registry, group: "", version: segs[1]) else { throw APIError.notFoundPath(req.path) }
                return .json(200, doc)
            }
            return try resource(req, cluster, registry, token, group: "", version: segs[1], rest: Array(segs.dropFirst(2)))
        case "apis":
            if segs.count == 1 { return .json(200, Discovery.groupList(registry)) }
            if segs.count == 2 {
                guard let doc = Discovery.apiGroup(registry, segs[1]) else { throw APIError.notFoundPath(req.path) }
                return .json(200, doc)
            }
            if segs.count == 3 {
                guard let doc = Discovery.resourceList(registry, group: segs[1], version: segs[2]) else { throw APIError.notFoundPath(req.path) }
                return .json(200, doc)
            }
            return try resource(req, cluster, registry, token, group: segs[1], version: segs[2], rest: Array(segs.dropFirst(3)))
        case "openapi":
            if segs.count == 2 && segs[1] == "v3" { return .json(200, OpenAPIDocuments.root(registry, prefix: prefix)) }
            if segs.count > 2 && segs[1] == "v3", let doc = OpenAPIDocuments.document(registry, segs.dropFirst(2).joined(separator: "/")) {
                return .json(200, doc)
            }
            throw APIError.notFoundPath(req.path)
        default:
            throw APIError.notFoundPath(req.path)
        }
    }

    /// Parses `[namespaces/<ns>/]<plural>[/<name>[/<subresource>]]` and serves it.
    func resource(_ req: APIRequest, _ cluster: LogicalCluster, _ registry: ResourceRegistry, _ token: TokenRecord,
                  group: String, version: String, rest: [String]) throws(APIError) -> APIResponse {
        var rest = rest
        var namespace: String?
        if rest.count >= 3 && rest[0] == "namespaces", let r = registry.resource(group: group, version: version, plural: rest[2]), r.namespaced {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard let plural = rest.first, let r = registry.resource(group: group, version: version, plural: plural), rest.count <= 3 else {
            throw APIError.notFoundPath(req.path)
        }
        let name = rest.count >= 2 ? rest[1] : nil
        var sub = Subresource.main
        if rest.count == 3 {
            guard let s = Subresource(rawValue: rest[2]), s == .status, r.hasStatus else { throw APIError.notFoundPath(req.path) }
            sub = s
        }
        if r.namespaced && name != nil && namespace == nil {
            throw APIError.notFoundPath(req.path)
        }
        let ns = r.namespaced ? (namespace ?? "") : ""
        let isWatch = req.query["watch"] == "true" || req.query["watch"] == "1"
        let verb: String
        switch (req.method, name) {
        case ("GET", nil): verb = isWatch ? "watch" : "list"
        case ("GET", _): verb = "get"
        case ("POST", nil): verb = "create"
        case ("PUT", .some): verb = "update"
        case ("PATCH", .some): verb = "patch"
        case ("DELETE", nil): verb = "deletecollection"
        case ("DELETE", .some): verb = "delete"
        default: throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
        try Authorizer.checkResource(token, verb: verb, resource: r, namespace: namespace, name: name)
        hub.requests.record(verb: verb, group: r.group, resource: r.plural, subresource: sub.rawValue)
        let ops = ResourceOperations(cluster: cluster, resource: r, namespace: ns, listNamespace: namespace, request: req,
                                     bookmarkInterval: bookmarkInterval)
        switch verb {
        case "list": return try ops.list()
        case "watch": return try ops.watch()
        case "get": return try ops.get(name!, sub)
        case "create": return try ops.create()
        case "update": return try ops.update(name!, sub)
        case "patch": return try ops.patch(name!, sub)
        case "delete": return try ops.delete(name!)
        default: return try ops.deleteCollection()
        }
    }
}
