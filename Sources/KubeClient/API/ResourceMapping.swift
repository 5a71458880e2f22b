import Foundation
import KealmModel

/// How a kind is served: its resource (plural) name, scope, verbs and subresources, as the
/// server's discovery documents say.
public struct ResourceMapping: Sendable, Hashable {
    public var gvk: GVK
    /// The plural resource name used in URLs (`configmaps`, `manifestworks`).
    public var resource: String
    public var namespaced: Bool
    public var verbs: [String]
    /// Subresources the server lists for this resource (`status`, `scale`).
    public var subresources: Set<String>

    public init(gvk: GVK, resource: String, namespaced: Bool, verbs: [String] = [], subresources: Set<String> = []) {
        self.gvk = gvk
        self.resource = resource
        self.namespaced = namespaced
        self.verbs = verbs
        self.subresources = subresources
    }

    /// The URL path of the collection or of one object (`name`), optionally a subresource.
    /// A namespaced resource with no namespace gives the all-namespaces collection.
    public func path(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var p = gvk.group.isEmpty ? "/api/\(gvk.version)" : "/apis/\(gvk.group)/\(gvk.version)"
        if namespaced, let namespace, !namespace.isEmpty { p += "/namespaces/\(Self.escape(namespace))" }
        p += "/\(resource)"
        if let name { p += "/\(Self.escape(name))" }
        if let subresource { p += "/\(subresource)" }
        return p
    }

    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }

    /// `?k=v&…` with every value percent-encoded; empty values are left out.
    static func query(_ items: [(String, String?)]) -> String {
        let parts = items.compactMap { k, v -> String? in
            guard let v, !v.isEmpty else { return nil }
            return "\(k)=\(escape(v))"
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
