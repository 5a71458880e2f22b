import KealmModel
import KealmYAML
import Patch

/// The verbs on one resource of one logical cluster, for one request.
struct ResourceOperations {
    let cluster: LogicalCluster
    let resource: ResourceInfo
    /// The namespace of the object (empty for cluster-scoped resources).
    let namespace: String
    /// The namespace of a list or watch; nil for all namespaces.
    let listNamespace: String?
    let request: APIRequest
    let bookmarkInterval: Double

    var dryRun: Bool { request.query["dryRun"] == "All" }
    var fieldManager: String { request.query["fieldManager"] ?? "" }

    func decodeBody() throws(APIError) -> YAMLNode {
        if request.contentType.contains("protobuf") { return try KubeProtobuf.decode(request.body) }
        do {
            return try JSON.decode(request.body)
        } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
    }

    func filter() throws(APIError) -> ObjectFilter {
        var f = ObjectFilter(namespace: resource.namespaced ? listNamespace : nil)
        if let ls = request.query["labelSelector"], !ls.isEmpty {
            do { f.labels = try LabelSelector(parsing: ls) } catch {
                throw APIError.badRequest("unable to parse requirement: \(error)")
            }
        }
        if let fs = request.query["fieldSelector"], !fs.isEmpty {
            f.fields = try FieldLabels.parse(fs, resource, cluster.registry)
        }
        return f
    }

    func list() throws(APIError) -> APIResponse {
        let limit = request.query["limit"].flatMap { Int($0) }
        let res = try cluster.list(resource, filter: filter(), limit: limit, continueToken: request.query["continue"])
        var meta: [(String, String)] = [("resourceVersion", JSONText.str(String(res.resourceVersion)))]
        if let c = res.continueToken { meta.append(("continue", JSONText.str(c))) }
        if let n = res.remainingItemCount { meta.append(("remainingItemCount", String(n))) }
        if let table = tableRendering() { return .json(200, table.table(res.objects, texts: res.items, metadata: meta)) }
        var out = "{\"kind\":\(JSONText.str(resource.kind + "List")),\"apiVersion\":\(JSONText.str(resource.apiVersion)),"
        out += "\"metadata\":\(JSONText.object(meta)),\"items\":["
        out.reserveCapacity(res.items.reduce(out.utf8.count + 2) { $0 + $1.utf8.count + 1 })
        for (i, item) in res.items.enumerated() {
            if i > 0 { out += "," }
            out += item
        }
        out += "]}"
        return .json(200, out)
    }

    func watch() throws(APIError) -> APIResponse {
        let rvText = request.query["resourceVersion"] ?? ""
        var from: Int?
        if !rvText.isEmpty {
            guard let v = Int(rvText) else { throw APIError.badRequest("invalid resourceVersion \"\(rvText)\"") }
            from = v
        }
        let handle = try cluster.watch(resource, filter: filter(), from: from)
        let timeout = request.query["timeoutSeconds"].flatMap { Double($0) } ?? 1800
        let session = WatchSession(cluster: cluster, handle: handle, resource: resource,
                                   bookmarks: request.query["allowWatchBookmarks"] == "true", timeout: max(timeout, 1),
                                   bookmarkInterval: bookmarkInterval, table: tableRendering())
        return APIResponse(status: 200, body: .watch(session))
    }

    func get(_ name: String, _ sub: Subresource) throws(APIError) -> APIResponse {
        if let table = tableRendering() {
            let obj = try cluster.get(resource, namespace: namespace, name: name)
            let rv = obj.string(at: "metadata", "resourceVersion") ?? ""
            return .json(200, table.table([obj], metadata: [("resourceVersion", JSONText.str(rv))]))
        }
        return .json(200, try cluster.getJSON(resource, namespace: namespace, name: name))
    }

    /// The Table the client asked for with its Accept header, or nil for plain JSON.
    func tableRendering() -> TableRendering? {
        guard request.accept.contains("as=Table") else { return nil }
        return TableRendering(request, printer: TablePrinter.printer(for: resource, registry: cluster.registry), now: cluster.clock.now())
    }

    /// The patch schema of the resource (a CRD's list types and map keys for custom resources).
    var patchSchema: PatchSchema { cluster.registry.patchSchema(resource) }

    func create() throws(APIError) -> APIResponse {
        let decoded = try decodeBody()
        try StrictFieldCheck.check(request, resource, cluster.registry, decoded)
        let body = ManagedFieldsRecorder.recordUpdate(old: nil, new: decoded, manager: fieldManager.isEmpty ? defaultManager : fieldManager,
                                                      apiVersion: resource.apiVersion, now: cluster.clock.timestamp(), subresource: .main,
                                                      schema: patchSchema)
        let obj = try cluster.create(resource, namespace: namespace, object: body, dryRun: dryRun)
        return .json(201, JSON.encode(obj))
    }

    /// The manager recorded when the client names none (the user agent's program name in Kubernetes).
    var defaultManager: String { "unknown" }

    func update(_ name: String, _ sub: Subresource) throws(APIError) -> APIResponse {
        let body = try decodeBody()
        try StrictFieldCheck.check(request, resource, cluster.registry, body)
        let manager = fieldManager.isEmpty ? defaultManager : fieldManager
        let now = cluster.clock.timestamp()
        let apiVersion = resource.apiVersion
        let schema = patchSchema
        let res = try cluster.mutate(resource, namespace: namespace, name: name, subresource: sub, allowCreate: false, dryRun: dryRun) {
            old throws(APIError) -> YAMLNode in
            ManagedFieldsRecorder.recordUpdate(old: old, new: body, manager: manager, apiVersion: apiVersion, now: now, subresource: sub,
                                               schema: schema)
        }
        return .json(res.created ? 201 : 200, dryRun ? JSON.encode(res.object)
            : cluster.storedJSON(resource, namespace: namespace, of: res.object) ?? JSON.encode(res.object))
    }

    func patch(_ name: String, _ sub: Subresource) throws(APIError) -> APIResponse {
        let ct = request.contentType.split(separator: ";").first.map { String($0).trimmingCharacters(in: " ") } ?? ""
        let kind = try PatchKind(contentType: ct, resource: resource)
        let patchText = String(decoding: request.body, as: UTF8.self)
        let manager = fieldManager
        if kind == .apply && manager.isEmpty {
            throw APIError.badRequest("PATCH with application/apply-patch+yaml requires the fieldManager parameter")
        }
        let force = request.query["force"] == "true"
        let registry = cluster.registry
        let ctx = PatchContext(resource: resource, kind: kind, patch: patchText, manager: manager.isEmpty ? defaultManager : manager,
                               force: force, now: cluster.clock.timestamp(), subresource: sub, name: name, namespace: namespace,
                               schema: registry.patchSchema(resource))
        let request = self.request
        let resource = self.resource
        let res = try cluster.mutate(resource, namespace: namespace, name: name, subresource: sub, allowCreate: kind == .apply,
                                     dryRun: dryRun) { old throws(APIError) -> YAMLNode in
            let out = try PatchApplier.apply(ctx, to: old)
            try StrictFieldCheck.check(request, resource, registry, out)
            return out
        }
        return .json(res.created ? 201 : 200, dryRun ? JSON.encode(res.object)
            : cluster.storedJSON(resource, namespace: namespace, of: res.object) ?? JSON.encode(res.object))
    }

    func delete(_ name: String) throws(APIError) -> APIResponse {
        var uid: String?
        var rv: String?
        if !request.body.isEmpty, let opts = try? JSON.decode(request.body) {
            uid = opts.string(at: "preconditions", "uid")
            rv = opts.string(at: "preconditions", "resourceVersion")
        }
        let obj = try cluster.delete(resource, namespace: namespace, name: name, uid: uid, resourceVersion: rv, dryRun: dryRun)
        return .json(200, JSON.encode(obj))
    }

    func deleteCollection() throws(APIError) -> APIResponse {
        let res = try cluster.list(resource, filter: filter())
        for item in res.items {
            guard let node = try? JSON.decode(item), let name = node.string(at: "metadata", "name") else { continue }
            let ns = node.string(at: "metadata", "namespace") ?? ""
            do { _ = try cluster.delete(resource, namespace: ns, name: name, dryRun: dryRun) } catch where error.code == 404 {}
        }
        return try list()
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
