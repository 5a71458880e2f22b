import Foundation

/// The files of a hub's data directory: the SQLite database and the admin kubeconfig.
public struct HubDataDirectory: Sendable {
    public let path: String

    public init(_ path: String) { self.path = path }

    public var database: String { path + "/hub.sqlite" }
    public var adminKubeconfig: String { path + "/admin.kubeconfig" }

    /// Creates the directory (mode 0700) when missing.
    public func create() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Opens the store.
    public func openStore() throws -> SQLiteObjectStore {
        try create()
        return try SQLiteObjectStore(path: database)
    }

    /// The admin token, issuing one on first use.
    public static func adminToken(_ hub: Hub) throws -> String {
        if let t = try hub.store.tokens().first(where: { $0.cluster == "*" && $0.label == "admin" && !ClientCertificateIdentity.isCertificateRecord($0) }) { return t.token }
        return try hub.issueToken(cluster: "*", label: "admin").token
    }

    /// Writes a file readable by its owner only.
    public static func writePrivate(_ text: String, to path: String) throws {
        let tmp = path + ".tmp"
        FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        guard rename(tmp, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
