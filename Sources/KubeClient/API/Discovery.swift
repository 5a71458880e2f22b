import KealmModel
import KealmYAML
import Synchronization

/// Discovery and REST mapping with a cache.
///
/// Resource lists are fetched per group/version (`/api/v1`, `/apis/<group>/<version>`) the
/// first time a kind of that group/version is needed. A kind that is not in the cached list
/// triggers one refetch of that list, so a CustomResourceDefinition created a moment ago is
/// usable at once; `invalidate` drops everything (e.g. after a 404 on a mapped path).
public final class Discovery: Sendable {
    let fetch: @Sendable (String) async throws(KubeError) -> YAMLNode
    private let cache = Mutex<[String: [ResourceMapping]]>([:])
    private let groupsCache = Mutex<YAMLNode?>(nil)

    /// `fetch` GETs a discovery path and decodes it.
    init(fetch: @escaping @Sendable (String) async throws(KubeError) -> YAMLNode) { self.fetch = fetch }

    /// The mapping of a kind; refetches its group/version once on a miss.
    public func mapping(for gvk: GVK) async throws(KubeError) -> ResourceMapping {
        if let m = cache.withLock({ $0[gvk.apiVersion] })?.first(where: { $0.gvk.kind == gvk.kind }) { return m }
        let list = try await resources(groupVersion: gvk.apiVersion, refresh: true)
        if let m = list.first(where: { $0.gvk.kind == gvk.kind }) { return m }
        throw KubeError(kind: .status, category: .notFound, code: 404, reason: "NotFound",
            message: "the server has no resource for kind \(gvk.kind) in \(gvk.apiVersion)",
            hint: "install the CustomResourceDefinition or fix apiVersion/kind")
    }

    /// The mapping of a group and kind at the group's preferred version.
    public func mapping(for gk: GroupKind) async throws(KubeError) -> ResourceMapping {
        let version = try await preferredVersion(group: gk.group)
        return try await mapping(for: GVK(group: gk.group, version: version, kind: gk.kind))
    }

    /// Every resource (no subresources) of a group/version.
    public func resources(groupVersion gv: String, refresh: Bool = false) async throws(KubeError) -> [ResourceMapping] {
        if !refresh, let cached = cache.withLock({ $0[gv] }) { return cached }
        let path = gv.contains("/") ? "/apis/\(gv)" : "/api/\(gv)"
        let node: YAMLNode
        do { node = try await fetch(path) } catch where error.code == 404 {
            cache.withLock { $0[gv] = [] }
            throw KubeError(kind: .status, category: .notFound, code: 404, reason: "NotFound",
                message: "the server does not serve \(gv)", request: "GET \(path)",
                hint: "install the CustomResourceDefinition or the API group first")
        }
        let list = Self.parseResourceList(node, groupVersion: gv)
        cache.withLock { $0[gv] = list }
        return list
    }

    /// The preferred version of a group (`""` = core → `v1`), from `/apis`.
    public func preferredVersion(group: String) async throws(KubeError) -> String {
        if group.isEmpty { return "v1" }
        for attempt in 0..<2 {
            var groups = groupsCache.withLock { $0 }
            if groups == nil || attempt == 1 {
                groups = try await fetch("/apis")
                groupsCache.withLock { $0 = groups }
            }
            for g in groups?["groups"]?.items ?? [] where g.string(at: "name") == group {
                if let v = g.string(at: "preferredVersion", "version") { return v }
                if let v = g["versions"]?.items?.first?.string(at: "version") { return v }
            }
        }
        throw KubeError(kind: .status, category: .notFound, code: 404, reason: "NotFound",
            message: "the server does not serve API group \(group)")
    }

    /// Forgets every cached document.
    public func invalidate() {
        cache.withLock { $0 = [:] }
        groupsCache.withLock { $0 = nil }
    }

    /// Reads an `APIResourceList`. Pure.
    static func parseResourceList(_ node: YAMLNode, groupVersion gv: String) -> [ResourceMapping] {
        let items = node["resources"]?.items ?? []
        var subs: [String: Set<String>] = [:]
        for r in items {
            guard let name = r.string(at: "name"), let slash = name.firstIndex(of: "/") else { continue }
            subs[String(name[..<slash]), default: []].insert(String(name[name.index(after: slash)...]))
        }
        return items.compactMap { r in
            guard let name = r.string(at: "name"), !name.contains("/"), let kind = r.string(at: "kind") else { return nil }
            let g = r.string(at: "group").flatMap { $0.isEmpty ? nil : $0 }
            let v = r.string(at: "version").flatMap { $0.isEmpty ? nil : $0 }
            var gvk = GVK(apiVersion: gv, kind: kind)
            if let g { gvk.group = g }
            if let v { gvk.version = v }
            return ResourceMapping(gvk: gvk, resource: name, namespaced: r["namespaced"]?.boolValue ?? false,
                verbs: (r["verbs"]?.items ?? []).compactMap { $0.string }, subresources: subs[name] ?? [])
        }
    }
}
