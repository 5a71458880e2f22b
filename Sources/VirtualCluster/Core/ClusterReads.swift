import Foundation
import KealmYAML

/// The result of a list: the items' JSON, the list's resourceVersion and the paging state.
public struct ListResult: Sendable {
    public var items: [String]
    public var resourceVersion: Int
    /// The token for the next page, or nil on the last page.
    public var continueToken: String?
    public var remainingItemCount: Int?
    /// The items as trees (as served), in the same order as `items`.
    public var objects: [YAMLNode] = []
}

extension LogicalCluster {
    /// The object `namespace/name` of a resource, or 404.
    public func get(_ r: ResourceInfo, namespace: String, name: String) throws(APIError) -> YAMLNode {
        let obj = state.withLock { $0.objects[r.storageKey]?[Self.key(namespace, name)] }
        guard let obj else { throw APIError.notFound(r, name) }
        return Self.served(obj.node, as: r)
    }

    /// The object's JSON as served for `r` (rewriting apiVersion for other versions of a custom resource).
    public func getJSON(_ r: ResourceInfo, namespace: String, name: String) throws(APIError) -> String {
        let obj = state.withLock { $0.objects[r.storageKey]?[Self.key(namespace, name)] }
        guard let obj else { throw APIError.notFound(r, name) }
        if obj.node.string(at: "apiVersion") == r.apiVersion { return obj.json }
        return JSON.encode(Self.served(obj.node, as: r))
    }

    /// The stored JSON of `object` when the store still holds that version and serves it unchanged
    /// (nil otherwise): a write's answer then costs no second encode of the object.
    func storedJSON(_ r: ResourceInfo, namespace: String, of object: YAMLNode) -> String? {
        guard let name = object.string(at: "metadata", "name"), let rv = object.string(at: "metadata", "resourceVersion") else { return nil }
        let obj = state.withLock { $0.objects[r.storageKey]?[Self.key(r.namespaced ? namespace : "", name)] }
        guard let obj, obj.node.string(at: "metadata", "resourceVersion") == rv, obj.node.string(at: "apiVersion") == r.apiVersion,
            object.string(at: "apiVersion") == r.apiVersion
        else { return nil }
        return obj.json
    }

    static func served(_ node: YAMLNode, as r: ResourceInfo) -> YAMLNode {
        guard r.isCustom, node.string(at: "apiVersion") != r.apiVersion else { return node }
        var n = node
        n["apiVersion"] = .string(r.apiVersion)
        return n
    }

    /// Lists the objects of a resource that pass `filter`, sorted by namespace and name, in pages of `limit`.
    public func list(_ r: ResourceInfo, filter: ObjectFilter, limit: Int? = nil, continueToken: String? = nil) throws(APIError) -> ListResult {
        var after: String?
        if let continueToken, !continueToken.isEmpty {
            guard let data = Data(base64Encoded: continueToken), let text = String(data: data, encoding: .utf8),
                let bar = text.firstIndex(of: "|")
            else { throw APIError.badRequest("invalid continue token; start the list again without it") }
            after = String(text[text.index(after: bar)...])
        }
        let (table, allKeys, rv) = state.withLock { st -> ([String: StoredObject], [String], Int) in
            let table = st.objects[r.storageKey] ?? [:]
            if let keys = st.sortedKeys[r.storageKey] { return (table, keys, st.resourceVersion) }
            let keys = table.keys.sorted()
            st.sortedKeys[r.storageKey] = keys
            return (table, keys, st.resourceVersion)
        }
        // Keys of one namespace are contiguous in sorted order: find the range by binary search.
        func lowerBound(_ key: String) -> Int {
            var lo = 0, hi = allKeys.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if allKeys[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var start = 0
        var end = allKeys.count
        if let ns = filter.namespace {
            start = lowerBound(ns + "/")
            end = lowerBound(ns + "0")  // "0" follows "/" in ASCII
        }
        if let after { start = max(start, lowerBound(after + "\u{0}")) }
        let selective = !filter.labels.isEmpty || !filter.fields.isEmpty
        var items: [String] = []
        var objects: [YAMLNode] = []
        var lastKey: String?
        var remaining = 0
        var i = start
        while i < end {
            let k = allKeys[i]
            i += 1
            guard let obj = table[k] else { continue }
            let ns = String(k[..<k.firstIndex(of: "/")!])
            guard filter.matches(namespace: ns, object: obj.node) else { continue }
            if let limit, limit > 0, items.count >= limit {
                // More to come: count the rest only when no selector makes that a full scan.
                remaining = selective ? 1 : end - i + 1
                break
            }
            let served = Self.served(obj.node, as: r)
            items.append(obj.node.string(at: "apiVersion") == r.apiVersion ? obj.json : JSON.encode(served))
            objects.append(served)
            lastKey = k
        }
        var token: String?
        if remaining > 0, let lastKey {
            token = Data("\(rv)|\(lastKey)".utf8).base64EncodedString()
        }
        return ListResult(items: items, resourceVersion: rv, continueToken: token,
                          remainingItemCount: remaining > 0 && !selective ? remaining : nil, objects: objects)
    }

    /// True when the namespace exists; the second value is true when it is being deleted.
    func namespaceState(_ st: ClusterState, _ ns: String) -> (exists: Bool, terminating: Bool) {
        guard let obj = st.objects["/namespaces"]?[Self.key("", ns)] else { return (false, false) }
        return (true, obj.node[path: ["metadata", "deletionTimestamp"]] != nil)
    }
}
