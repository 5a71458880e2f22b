/// Sync options from `argocd.argoproj.io/sync-options` on a manifest, or from an
/// Application's `syncPolicy.syncOptions`.
///
/// The annotation is a comma-separated list of `Key=Value`. Keys are matched exactly as Argo CD
/// spells them; values are case-insensitive. An unknown key is kept in `other` (Argo CD ignores
/// them too); a known key with an impossible value is an error.
public struct SyncOptions: Sendable, Hashable {
    /// `Prune=false` keeps the object when it leaves Git; `Prune=confirm` waits for a person.
    public enum Gate: String, Sendable, Hashable { case yes, no, confirm }

    /// The annotation on a manifest.
    public static let annotation = "argocd.argoproj.io/sync-options"

    public var prune: Gate = .yes
    public var pruneLast = false
    public var replace = false
    /// nil when not said (the applier's default).
    public var serverSideApply: Bool? = nil
    public var skipDryRunOnMissingResource = false
    public var createNamespace = false
    /// `Delete=false` keeps the object when its Application (ManifestWork) is deleted.
    public var delete: Gate = .yes
    public var validate = true
    public var force = false
    /// Options Kealm does not interpret, by key (`ApplyOutOfSyncOnly`, `PrunePropagationPolicy`, …).
    public var other: [String: String] = [:]

    public init() {}

    /// Parses a list; `defaults` supplies the values not said here (the Application's options).
    public init(parsing text: String, defaults: SyncOptions = SyncOptions(), object: String? = nil) throws(PlanningError) {
        self = defaults
        for item in text.split(separator: ",").map({ String($0).trimmingCharacters(in: " ") }) where !item.isEmpty {
            try apply(item, object: object)
        }
    }

    /// Parses Application-level options given as a list (`syncPolicy.syncOptions`).
    public init(list: [String], object: String? = nil) throws(PlanningError) {
        self.init()
        for item in list { try apply(item.trimmingCharacters(in: " "), object: object) }
    }

    mutating func apply(_ item: String, object: String?) throws(PlanningError) {
        guard let eq = item.firstIndex(of: "=") else {
            throw PlanningError(.invalidSyncOption, "sync option '\(item)' is not Key=Value", object: object, field: Self.annotation,
                hint: "write e.g. Prune=false,ServerSideApply=true")
        }
        let key = String(item[..<eq]).trimmingCharacters(in: " ")
        let value = String(item[item.index(after: eq)...]).trimmingCharacters(in: " ")
        func bool() throws(PlanningError) -> Bool {
            switch value.lowercased() {
            case "true": return true
            case "false": return false
            default:
                throw PlanningError(.invalidSyncOption, "sync option \(key) needs true or false, not '\(value)'", object: object,
                    field: Self.annotation)
            }
        }
        func gate() throws(PlanningError) -> Gate {
            if value.lowercased() == "confirm" { return .confirm }
            return try bool() ? .yes : .no
        }
        switch key {
        case "Prune": prune = try gate()
        case "PruneLast": pruneLast = try bool()
        case "Replace": replace = try bool()
        case "ServerSideApply": serverSideApply = try bool()
        case "SkipDryRunOnMissingResource": skipDryRunOnMissingResource = try bool()
        case "CreateNamespace": createNamespace = try bool()
        case "Delete": delete = try gate()
        case "Validate": validate = try bool()
        case "Force": force = try bool()
        default: other[key] = value
        }
    }

    /// The options as an annotation value, known keys first in a fixed order (defaults omitted).
    public var annotationValue: String {
        var items: [String] = []
        if prune != .yes { items.append("Prune=\(prune == .no ? "false" : "confirm")") }
        if pruneLast { items.append("PruneLast=true") }
        if replace { items.append("Replace=true") }
        if let ssa = serverSideApply { items.append("ServerSideApply=\(ssa)") }
        if skipDryRunOnMissingResource { items.append("SkipDryRunOnMissingResource=true") }
        if createNamespace { items.append("CreateNamespace=true") }
        if delete != .yes { items.append("Delete=\(delete == .no ? "false" : "confirm")") }
        if !validate { items.append("Validate=false") }
        if force { items.append("Force=true") }
        items += other.keys.sorted().map { "\($0)=\(other[$0]!)" }
        return items.joined(separator: ",")
    }
}
