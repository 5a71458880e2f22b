/// A Kubernetes group, version and kind. The core group is the empty string.
public struct GVK: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Builds a GVK from an `apiVersion` (`apps/v1`, `v1`) and a kind.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.lastIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    /// The `apiVersion` string: `group/version`, or `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The group and kind, without version.
    public var groupKind: GroupKind { GroupKind(group: group, kind: kind) }

    public var description: String { group.isEmpty ? "\(version)/\(kind)" : "\(group)/\(version)/\(kind)" }

    public static func < (a: GVK, b: GVK) -> Bool {
        (a.group, a.version, a.kind) < (b.group, b.version, b.kind)
    }
}

/// A group and kind, the key under which per-kind knowledge (health checks, merge keys) is stored.
public struct GroupKind: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var kind: String
    public init(group: String, kind: String) {
        self.group = group
        self.kind = kind
    }
    public var description: String { group.isEmpty ? kind : "\(kind).\(group)" }
}
