import KealmModel
import KealmYAML

/// The status an ApplicationSet should carry after a reconcile.
public struct ApplicationSetStatus: Sendable, Hashable {
    /// `ParametersGenerated`, `ErrorOccurred` and `ResourcesUpToDate`, in that order.
    public var conditions: [StatusCondition]
    /// The Applications the set owns after the plan is applied, sorted.
    public var applications: [String]

    public var node: YAMLNode {
        .mapping([
            YAMLPair("conditions", .sequence(conditions.map(\.node))),
            YAMLPair("resources", .sequence(applications.map { .mapping([
                YAMLPair("apiVersion", .string("argoproj.io/v1alpha1")), YAMLPair("kind", .string("Application")),
                YAMLPair("name", .string($0)),
            ]) })),
        ])
    }

    public func condition(_ type: String) -> StatusCondition? { conditions.first { $0.type == type } }
}

/// What to do to the hub's Applications for one ApplicationSet: a pure function of the desired
/// Applications (or the generation error) and the existing ones.
public struct ApplicationSetPlan: Sendable {
    /// One Application to delete; `removeFinalizerFirst` keeps its resources (preserveResourcesOnDeletion).
    public struct Deletion: Sendable, Hashable {
        public var name: String
        public var namespace: String
        public var removeFinalizerFirst: Bool
    }
    public var creates: [YAMLNode] = []
    /// Existing Applications with their new content (status and operation kept).
    public var updates: [YAMLNode] = []
    public var deletes: [Deletion] = []
    /// Desired Applications that already match.
    public var unchanged: [String] = []
    /// Desired Applications that cannot be written (an Application of that name belongs to someone else).
    public var conflicts: [(name: String, reason: String)] = []
    public var status: ApplicationSetStatus

    /// True when the plan writes nothing.
    public var isEmpty: Bool { creates.isEmpty && updates.isEmpty && deletes.isEmpty }
}

/// Builds an `ApplicationSetPlan` honouring `applicationsSync` and `preserveResourcesOnDeletion`.
public enum ApplicationSetPlanner {
    /// The finalizer that makes deleting an Application delete its resources.
    public static let resourcesFinalizer = "resources-finalizer.argocd.argoproj.io"
    static let refreshAnnotation = "argocd.argoproj.io/refresh"

    /// Plans the reconcile. `existing` may hold any Applications; only those owned by this set are
    /// updated or deleted. On a generation error nothing is written and the status says why.
    public static func plan(_ appSet: ApplicationSetSpec, generated: Result<[YAMLNode], GenerationError>, existing: [YAMLNode])
        -> ApplicationSetPlan
    {
        let owned = existing.filter { isOwned($0, by: appSet) }
        let ownedNames = owned.compactMap { $0.string(at: "metadata", "name") }.sorted()
        let desired: [YAMLNode]
        switch generated {
        case .failure(let e):
            return ApplicationSetPlan(status: errorStatus(e, keeping: ownedNames))
        case .success(let apps):
            desired = apps
        }
        var plan = ApplicationSetPlan(status: ApplicationSetStatus(conditions: [], applications: []))
        let policy = appSet.applicationsSync
        var byName: [String: YAMLNode] = [:]
        for e in existing {
            if let n = e.string(at: "metadata", "name") { byName["\(e.string(at: "metadata", "namespace") ?? ""):\(n)"] = e }
        }
        var keep = Set<String>()
        for app in desired {
            let name = app.string(at: "metadata", "name") ?? ""
            let ns = app.string(at: "metadata", "namespace") ?? ""
            keep.insert("\(ns):\(name)")
            guard let current = byName["\(ns):\(name)"] else {
                plan.creates.append(app)
                continue
            }
            guard isOwned(current, by: appSet) else {
                plan.conflicts.append((name, "object is not owned by this ApplicationSet"))
                continue
            }
            let updated = merge(app, into: current, appSet)
            if updated == current || policy == "create-only" || policy == "create-delete" {
                plan.unchanged.append(name)
            } else {
                plan.updates.append(updated)
            }
        }
        if policy == "sync" || policy == "create-delete" {
            for app in owned {
                let name = app.string(at: "metadata", "name") ?? ""
                let ns = app.string(at: "metadata", "namespace") ?? ""
                if keep.contains("\(ns):\(name)") { continue }
                let hasFinalizer = (app[path: ["metadata", "finalizers"]]?.items ?? []).contains { $0.string == resourcesFinalizer }
                plan.deletes.append(.init(name: name, namespace: ns, removeFinalizerFirst: appSet.preserveResourcesOnDeletion && hasFinalizer))
            }
        }
        // Mass-deletion safety: a result that drops every owned Application is held unless allowed.
        var held: String?
        if desired.isEmpty && !plan.deletes.isEmpty && !EmptyGenerationHold.allows(appSet) {
            held = EmptyGenerationHold.message(appSet, kept: plan.deletes.count)
            plan.deletes = []
        }
        let deleted = Set(plan.deletes.map(\.name))
        let finalNames = Set(desired.compactMap { $0.string(at: "metadata", "name") })
            .union(ownedNames.filter { !deleted.contains($0) })
        var conditions = [
            StatusCondition(type: "ParametersGenerated", true, reason: "ParametersGenerated",
                message: "Successfully generated parameters for all Applications"),
        ]
        if let held {
            conditions += [
                StatusCondition(type: "ErrorOccurred", true, reason: EmptyGenerationHold.reason, message: held),
                StatusCondition(type: "ResourcesUpToDate", false, reason: EmptyGenerationHold.reason, message: held),
            ]
        } else if let c = plan.conflicts.first {
            let msg = "failed to update Application \(c.name): \(c.reason)"
            conditions += [
                StatusCondition(type: "ErrorOccurred", true, reason: "UpdateApplicationError", message: msg),
                StatusCondition(type: "ResourcesUpToDate", false, reason: "ErrorOccurred", message: msg),
            ]
        } else {
            conditions += [
                StatusCondition(type: "ErrorOccurred", false, reason: "ApplicationSetUpToDate",
                    message: "All applications have been generated successfully"),
                StatusCondition(type: "ResourcesUpToDate", true, reason: "ApplicationSetUpToDate",
                    message: "All applications have been generated successfully"),
            ]
        }
        plan.status = ApplicationSetStatus(conditions: conditions, applications: finalNames.sorted())
        return plan
    }

    /// The status after a generation error: existing Applications are kept and listed.
    public static func errorStatus(_ e: GenerationError, keeping names: [String]) -> ApplicationSetStatus {
        let msg = e.description
        return ApplicationSetStatus(conditions: [
            StatusCondition(type: "ParametersGenerated", false, reason: "ErrorOccurred", message: msg),
            StatusCondition(type: "ErrorOccurred", true, reason: e.reason, message: msg),
            StatusCondition(type: "ResourcesUpToDate", false, reason: "ErrorOccurred", message: msg),
        ], applications: names)
    }

    /// True when the Application has an owner reference to this ApplicationSet.
    public static func isOwned(_ app: YAMLNode, by appSet: ApplicationSetSpec) -> Bool {
        return (app[path: ["metadata", "ownerReferences"]]?.items ?? []).contains {
            $0.string(at: "kind") == "ApplicationSet" && $0.string(at: "name") == appSet.name
                && (appSet.uid == nil || $0.string(at: "uid") == nil || $0.string(at: "uid") == appSet.uid)
        }
    }

    /// The existing Application with the generated metadata and spec; status, operation and
    /// preserved annotations and labels (plus `argocd.argoproj.io/refresh`) are kept.
    static func merge(_ desired: YAMLNode, into current: YAMLNode, _ appSet: ApplicationSetSpec) -> YAMLNode {
        var out = current
        out["spec"] = desired["spec"]
        var meta = current["metadata"] ?? .emptyMapping
        let dmeta = desired["metadata"] ?? .emptyMapping
        for key in ["labels", "annotations"] {
            var value = dmeta[key] ?? .emptyMapping
            let keepKeys = (key == "annotations" ? appSet.preservedAnnotations + [refreshAnnotation] : appSet.preservedLabels)
            for k in keepKeys {
                if let v = current[path: ["metadata", key, k]], value[k] == nil { value[k] = v }
            }
            meta[key] = value.isEmptyValue ? nil : value
        }
        meta["finalizers"] = dmeta["finalizers"]
        meta["ownerReferences"] = dmeta["ownerReferences"]
        out["metadata"] = meta
        return out
    }
}
