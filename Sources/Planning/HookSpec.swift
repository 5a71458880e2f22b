import KealmYAML

/// What the hook annotations of one manifest say.
///
/// `argocd.argoproj.io/hook` is a comma-separated list of `PreSync`, `Sync`, `PostSync`,
/// `SyncFail` or `Skip`; `argocd.argoproj.io/hook-delete-policy` a list of `HookSucceeded`,
/// `HookFailed`, `BeforeHookCreation` (the default when a hook names none). Helm's
/// `helm.sh/hook` (`pre-install`, `pre-upgrade` → PreSync; `post-install`, `post-upgrade` →
/// PostSync; delete and test hooks skipped) and `helm.sh/hook-delete-policy` are read when
/// Argo CD's annotations are absent, as Argo CD does.
public struct HookSpec: Sendable, Hashable {
    /// When a hook resource is deleted.
    public enum DeletePolicy: String, Sendable, Hashable, CaseIterable {
        case hookSucceeded = "HookSucceeded"
        case hookFailed = "HookFailed"
        case beforeHookCreation = "BeforeHookCreation"
    }

    /// The annotations read.
    public static let hookAnnotation = "argocd.argoproj.io/hook"
    public static let deletePolicyAnnotation = "argocd.argoproj.io/hook-delete-policy"
    public static let helmHookAnnotation = "helm.sh/hook"
    public static let helmDeletePolicyAnnotation = "helm.sh/hook-delete-policy"
    public static let helmWeightAnnotation = "helm.sh/hook-weight"

    /// The phases the manifest runs in as a hook; empty for an ordinary resource.
    public var phases: [SyncPhase]
    /// True when the manifest is marked `Skip` (never applied).
    public var skip: Bool
    /// Delete policies; `[.beforeHookCreation]` for a hook that names none, empty for a non-hook.
    public var deletePolicies: Set<DeletePolicy>

    /// True when the manifest is a hook.
    public var isHook: Bool { !phases.isEmpty }

    /// Reads the annotations of a manifest; `object` names it in errors.
    public init(annotations: [String: String], object: String) throws(PlanningError) {
        phases = []
        skip = false
        deletePolicies = []
        if let text = annotations[Self.hookAnnotation] {
            for item in Self.list(text) {
                if item == "Skip" { skip = true; continue }
                if item == "PostDelete" || item == "PreDelete" { continue }  // run on deletion, not by a sync
                guard let phase = SyncPhase(rawValue: item) else {
                    throw PlanningError(.invalidHook, "unknown hook type '\(item)'", object: object, field: Self.hookAnnotation,
                        hint: "use PreSync, Sync, PostSync, SyncFail or Skip")
                }
                if !phases.contains(phase) { phases.append(phase) }
            }
        } else if let text = annotations[Self.helmHookAnnotation] {
            for item in Self.list(text) {
                switch item {
                case "pre-install", "pre-upgrade": if !phases.contains(.preSync) { phases.append(.preSync) }
                case "post-install", "post-upgrade": if !phases.contains(.postSync) { phases.append(.postSync) }
                default: continue  // pre/post-delete, pre/post-rollback, test: not part of a sync
                }
            }
            if phases.isEmpty && !Self.list(text).isEmpty { skip = true }
        }
        guard isHook else { return }
        if let text = annotations[Self.deletePolicyAnnotation] {
            for item in Self.list(text) {
                guard let p = DeletePolicy(rawValue: item) else {
                    throw PlanningError(.invalidHook, "unknown hook delete policy '\(item)'", object: object,
                        field: Self.deletePolicyAnnotation, hint: "use HookSucceeded, HookFailed or BeforeHookCreation")
                }
                deletePolicies.insert(p)
            }
        } else if let text = annotations[Self.helmDeletePolicyAnnotation] {
            for item in Self.list(text) {
                switch item {
                case "hook-succeeded": deletePolicies.insert(.hookSucceeded)
                case "hook-failed": deletePolicies.insert(.hookFailed)
                case "before-hook-creation": deletePolicies.insert(.beforeHookCreation)
                default: continue
                }
            }
        }
        if deletePolicies.isEmpty { deletePolicies = [.beforeHookCreation] }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }
}

extension String {
    func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c || s.first == "\t" { s = s.dropFirst() }
        while s.last == c || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
