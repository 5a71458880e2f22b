import KealmModel
import KealmYAML

/// Options of `list`.
public struct ListOptions: Sendable, Hashable {
    /// String form, e.g. `env=prod,tier in (web)`.
    public var labelSelector: String?
    /// e.g. `metadata.name=x,status.phase!=Running`.
    public var fieldSelector: String?
    /// Page size; nil uses the client's `pageSize`.
    public var limit: Int?
    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
    }
}

/// The objects of a list call (every page), with the list's resourceVersion (to start a watch).
public struct ObjectList: Sendable, Hashable {
    public var items: [YAMLNode]
    public var resourceVersion: String
}

/// How `delete` removes dependents and what it checks first.
public struct DeleteOptions: Sendable, Hashable {
    public enum Propagation: String, Sendable, Hashable { case foreground = "Foreground", background = "Background", orphan = "Orphan" }
    public var propagationPolicy: Propagation?
    /// Delete only if the object still has this UID / resourceVersion (else 409).
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var gracePeriodSeconds: Int?
    public init(propagationPolicy: Propagation? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil)
    {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    var body: YAMLNode {
        var pairs: [YAMLPair] = [YAMLPair("kind", .string("DeleteOptions")), YAMLPair("apiVersion", .string("v1"))]
        if let p = propagationPolicy { pairs.append(YAMLPair("propagationPolicy", .string(p.rawValue))) }
        if let g = gracePeriodSeconds { pairs.append(YAMLPair("gracePeriodSeconds", .int(g))) }
        var pre: [YAMLPair] = []
        if let u = preconditionUID { pre.append(YAMLPair("uid", .string(u))) }
        if let rv = preconditionResourceVersion { pre.append(YAMLPair("resourceVersion", .string(rv))) }
        if !pre.isEmpty { pairs.append(YAMLPair("preconditions", .mapping(pre))) }
        return .mapping(pairs)
    }
}

/// The kinds of PATCH.
public enum PatchType: String, Sendable, Hashable {
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"
}

extension KubeClient {
    static let json = ["Accept": "application/json"]

    static func jsonBody(_ node: YAMLNode) -> [UInt8] { JSON.encodeBytes(node) }

    static func ref(_ object: YAMLNode) throws(KubeError) -> ObjectRef {
        guard let r = ObjectRef(object: object) else {
            throw KubeError(kind: .config, category: .invalid, message: "the object needs apiVersion, kind and metadata.name",
                hint: "set them before sending it")
        }
        return r
    }

    /// Reads one object.
    public func get(_ gvk: GVK, name: String, namespace: String? = nil, subresource: String? = nil) async throws(KubeError) -> YAMLNode {
        try await withMapping(gvk) { (m) throws(KubeError) in
            try await call(HTTPRequest(method: "GET", path: m.path(namespace: scope(m, namespace), name: name, subresource: subresource),
                headers: Self.json))
        }
    }

    /// Lists objects, following `continue` tokens until the last page. `namespace` nil lists a
    /// namespaced kind across all namespaces. Items get `apiVersion` and `kind` filled in.
    public func list(_ gvk: GVK, namespace: String? = nil, options: ListOptions = ListOptions()) async throws(KubeError) -> ObjectList {
        try await withMapping(gvk) { (m) throws(KubeError) in
            let base = m.path(namespace: m.namespaced ? namespace : nil)
            let limit = options.limit ?? self.options.pageSize
            var items: [YAMLNode] = []
            var cont: String?
            var restarted = false
            while true {
                let q = ResourceMapping.query([
                    ("labelSelector", options.labelSelector), ("fieldSelector", options.fieldSelector),
                    ("limit", limit > 0 ? String(limit) : nil), ("continue", cont),
                ])
                let page: YAMLNode
                do throws(KubeError) {
                    page = try await call(HTTPRequest(method: "GET", path: base + q, headers: Self.json))
                } catch where error.isGone && cont != nil && !restarted {
                    // The continue token expired: start over from a fresh snapshot.
                    items = []
                    cont = nil
                    restarted = true
                    continue
                }
                for var item in page["items"]?.items ?? [] {
                    if item["apiVersion"] == nil { item["apiVersion"] = .string(gvk.apiVersion) }
                    if item["kind"] == nil { item["kind"] = .string(gvk.kind) }
                    items.append(item)
                }
                let next = page.string(at: "metadata", "continue") ?? ""
                if next.isEmpty {
                    return ObjectList(items: items, resourceVersion: page.string(at: "metadata", "resourceVersion") ?? "")
                }
                cont = next
            }
        }
    }

    /// Creates an object (POST). `fieldManager` names the writer for managed fields.
    public func create(_ object: YAMLNode, fieldManager: String? = nil, dryRun: Bool = false) async throws(KubeError) -> YAMLNode {
        let r = try Self.ref(object)
        return try await withMapping(r.gvk) { (m) throws(KubeError) in
            let q = ResourceMapping.query([("fieldManager", fieldManager), ("dryRun", dryRun ? "All" : nil)])
            return try await call(HTTPRequest(method: "POST", path: m.path(namespace: scope(m, r.namespace)) + q,
                headers: ["Accept": "application/json", "Content-Type": "application/json"], body: Self.jsonBody(object)),
                idempotent: false)
        }
    }

    /// Replaces an object (PUT). With `metadata.resourceVersion` set, a concurrent change makes
    /// the server answer 409 (`KubeError.isConflict`). `subresource: "status"` writes the status.
    public func update(_ object: YAMLNode, subresource: String? = nil, fieldManager: String? = nil) async throws(KubeError) -> YAMLNode {
        let r = try Self.ref(object)
        return try await withMapping(r.gvk) { (m) throws(KubeError) in
            try await call(HTTPRequest(method: "PUT",
                path: m.path(namespace: scope(m, r.namespace), name: r.name, subresource: subresource)
                    + ResourceMapping.query([("fieldManager", fieldManager)]),
                headers: ["Accept": "application/json", "Content-Type": "application/json"], body: Self.jsonBody(object)))
        }
    }

    /// Writes `status` of an object through the status subresource.
    public func updateStatus(_ object: YAMLNode) async throws(KubeError) -> YAMLNode {
        try await update(object, subresource: "status")
    }

    /// Deletes an object. Returns what the server answered (the object while finalizers run,
    /// or a `Status`).
    @discardableResult
    public func delete(_ gvk: GVK, name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions())
        async throws(KubeError) -> YAMLNode
    {
        try await withMapping(gvk) { (m) throws(KubeError) in
            try await call(HTTPRequest(method: "DELETE", path: m.path(namespace: scope(m, namespace), name: name),
                headers: ["Accept": "application/json", "Content-Type": "application/json"], body: Self.jsonBody(options.body)))
        }
    }

    /// Patches an object. `patch` is the JSON body (a JSON Patch array for `.json`).
    public func patch(
        _ gvk: GVK, name: String, namespace: String? = nil, type: PatchType, patch: YAMLNode,
        fieldManager: String? = nil, force: Bool? = nil, subresource: String? = nil
    ) async throws(KubeError) -> YAMLNode {
        try await withMapping(gvk) { (m) throws(KubeError) in
            let q = ResourceMapping.query([("fieldManager", fieldManager), ("force", force.map { $0 ? "true" : "false" })])
            return try await call(HTTPRequest(method: "PATCH",
                path: m.path(namespace: scope(m, namespace), name: name, subresource: subresource) + q,
                headers: ["Accept": "application/json", "Content-Type": type.rawValue], body: Self.jsonBody(patch)),
                idempotent: type == .apply)
        }
    }

    /// Server-side apply: sends the object as the intent of `fieldManager`. `force` takes over
    /// fields owned by other managers instead of failing with a 409 conflict.
    public func apply(_ object: YAMLNode, fieldManager: String, force: Bool = false, subresource: String? = nil)
        async throws(KubeError) -> YAMLNode
    {
        let r = try Self.ref(object)
        return try await patch(r.gvk, name: r.name, namespace: r.namespace, type: .apply, patch: object,
            fieldManager: fieldManager, force: force, subresource: subresource)
    }
}
