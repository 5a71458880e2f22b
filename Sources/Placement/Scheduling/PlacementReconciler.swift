import KealmModel
import KealmYAML

/// The decision-group entry of a Placement's status.
public struct DecisionGroupStatus: Sendable, Hashable {
    public var index: Int
    public var name: String
    /// Names of the PlacementDecision objects holding the group.
    public var decisions: [String]
    public var clustersCount: Int

    public var node: YAMLNode {
        .mapping([
            YAMLPair("decisionGroupIndex", .int(index)), YAMLPair("decisionGroupName", .string(name)),
            YAMLPair("decisions", .sequence(decisions.map { .string($0) })), YAMLPair("clustersCount", .int(clustersCount)),
        ])
    }
}

/// The computed status of a Placement.
public struct PlacementStatus: Sendable, Hashable {
    public var numberOfSelectedClusters: Int
    public var decisionGroups: [DecisionGroupStatus]
    /// `PlacementMisconfigured` then `PlacementSatisfied`.
    public var conditions: [StatusCondition]

    public var node: YAMLNode {
        .mapping([
            YAMLPair("numberOfSelectedClusters", .int(numberOfSelectedClusters)),
            YAMLPair("decisionGroups", .sequence(decisionGroups.map(\.node))),
            YAMLPair("conditions", .sequence(conditions.map(\.node))),
        ])
    }

    /// The condition of a type, if present.
    public func condition(_ type: String) -> StatusCondition? { conditions.first { $0.type == type } }
}

/// What the hub should hold for one Placement: its status, its PlacementDecision objects, and
/// which existing decision objects to delete. A controller feeds a snapshot and writes this.
public struct PlacementOutcome: Sendable {
    public var placement: PlacementSpec
    public var candidates: Candidates
    public var schedule: ScheduleResult
    public var status: PlacementStatus
    /// The PlacementDecision objects, named `<placement>-decision-<n>` from 1, at most 100 clusters each.
    public var decisions: [YAMLNode]
    /// Existing PlacementDecisions of this placement that are no longer wanted.
    public var staleDecisions: [String]
    /// The Placement object with `status` replaced.
    public var placementWithStatus: YAMLNode {
        var o = placement.object
        o["status"] = status.node
        return o
    }
    /// Selected cluster names in decision order.
    public var selectedClusters: [String] { schedule.selected.map(\.name) }
}

/// The pure Placement reconcile: candidates → schedule → decision groups → decision objects → status.
public enum PlacementReconciler {
    /// The most clusters one PlacementDecision holds.
    public static let maxClustersPerDecision = 100

    public static func reconcile(_ placement: PlacementSpec, snapshot: FleetSnapshot, scheduler: Scheduler = Scheduler()) -> PlacementOutcome {
        let candidates = Candidates(placement: placement, snapshot: snapshot)
        let context = PlacementContext(placement: placement, snapshot: snapshot)
        let result = scheduler.schedule(context, candidates: candidates.clusters)
        var status = result.status
        var groupStatus: [DecisionGroupStatus] = []
        var decisions: [YAMLNode] = []
        switch DecisionGrouping.groups(placement.groupStrategy, selected: result.selected) {
        case .failure(let e):
            status = .misconfigured(plugin: "", message: e.message)
        case .success(let groups):
            var next = 1
            for g in groups {
                var slices: [[String]] = []
                var i = 0
                while i < g.clusters.count {
                    slices.append(Array(g.clusters[i..<min(g.clusters.count, i + maxClustersPerDecision)]))
                    i += maxClustersPerDecision
                }
                if slices.isEmpty { slices = [[]] }
                var names: [String] = []
                for s in slices {
                    let name = "\(placement.name)-decision-\(next)"
                    next += 1
                    names.append(name)
                    decisions.append(decisionObject(placement, name: name, group: g, clusters: s))
                }
                groupStatus.append(DecisionGroupStatus(index: g.index, name: g.name, decisions: names, clustersCount: g.clusters.count))
            }
        }
        let wanted = Set(decisions.compactMap { $0.string(at: "metadata", "name") })
        let stale = snapshot.decisionObjects(namespace: placement.namespace, placement: placement.name).map(\.name)
            .filter { !wanted.contains($0) }.sorted()
        let conditions = [
            misconfiguredCondition(status),
            satisfiedCondition(placement, candidates, selected: result.selected.count, unscheduled: result.unscheduled, status: status),
        ]
        let st = PlacementStatus(numberOfSelectedClusters: result.selected.count, decisionGroups: groupStatus, conditions: conditions)
        return PlacementOutcome(placement: placement, candidates: candidates, schedule: result, status: st, decisions: decisions,
            staleDecisions: stale)
    }

    static func decisionObject(_ p: PlacementSpec, name: String, group: DecisionGroup, clusters: [String]) -> YAMLNode {
        var owner: [YAMLPair] = [
            YAMLPair("apiVersion", .string("cluster.open-cluster-management.io/v1beta1")), YAMLPair("kind", .string("Placement")),
            YAMLPair("name", .string(p.name)),
        ]
        if let uid = p.object.string(at: "metadata", "uid") { owner.append(YAMLPair("uid", .string(uid))) }
        owner += [YAMLPair("controller", .bool(true)), YAMLPair("blockOwnerDeletion", .bool(true))]
        return .mapping([
            YAMLPair("apiVersion", .string("cluster.open-cluster-management.io/v1beta1")),
            YAMLPair("kind", .string("PlacementDecision")),
            YAMLPair("metadata", .mapping([
                YAMLPair("name", .string(name)), YAMLPair("namespace", .string(p.namespace)),
                YAMLPair("labels", .mapping([
                    YAMLPair(PlacementDecision.groupIndexLabel, .string(String(group.index))),
                    YAMLPair(PlacementDecision.groupNameLabel, .string(group.name)),
                    YAMLPair(PlacementDecision.placementLabel, .string(p.name)),
                ])),
                YAMLPair("ownerReferences", .sequence([.mapping(owner)])),
            ])),
            YAMLPair("status", .mapping([
                YAMLPair("decisions", .sequence(clusters.map {
                    .mapping([YAMLPair("clusterName", .string($0)), YAMLPair("reason", .string(""))])
                })),
            ])),
        ])
    }

    static func misconfiguredCondition(_ s: SchedulingStatus) -> StatusCondition {
        if case .misconfigured(let plugin, let message) = s {
            return StatusCondition(type: "PlacementMisconfigured", true, reason: "Misconfigured", message: "\(plugin):\(message)")
        }
        return StatusCondition(type: "PlacementMisconfigured", false, reason: "Succeedconfigured",
            message: "Placement configurations check pass")
    }

    static func satisfiedCondition(_ p: PlacementSpec, _ c: Candidates, selected: Int, unscheduled: Int, status: SchedulingStatus)
        -> StatusCondition
    {
        let type = "PlacementSatisfied"
        if c.validBindings.isEmpty {
            return StatusCondition(type: type, false, reason: "NoManagedClusterSetBindings",
                message: "No valid ManagedClusterSetBindings found in placement namespace")
        }
        if c.eligibleSets.isEmpty {
            return StatusCondition(type: type, false, reason: "NoIntersection",
                message: "None of ManagedClusterSets [\(p.clusterSets.joined(separator: ","))] is bound to placement namespace")
        }
        if c.clusters.isEmpty {
            return StatusCondition(type: type, false, reason: "AllManagedClusterSetsEmpty",
                message: "All ManagedClusterSets [\(c.eligibleSets.joined(separator: ","))] have no member ManagedCluster")
        }
        if case .error(let plugin, let message) = status {
            return StatusCondition(type: type, false, reason: "NotAllDecisionsScheduled", message: "\(plugin): \(message)")
        }
        if selected == 0 {
            return StatusCondition(type: type, false, reason: "NoManagedClusterMatched",
                message: "No ManagedCluster matches any of the cluster predicate")
        }
        if unscheduled == 0 {
            return StatusCondition(type: type, true, reason: "AllDecisionsScheduled", message: "All cluster decisions scheduled")
        }
        return StatusCondition(type: type, false, reason: "NotAllDecisionsScheduled", message: "\(unscheduled) cluster decisions unscheduled")
    }
}
