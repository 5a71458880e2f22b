import KealmModel
import KealmYAML

/// A typed view of a `cluster.open-cluster-management.io/v1beta1` Placement.
public struct PlacementSpec: Sendable, Hashable {
    /// The annotation that stops the scheduler from touching a Placement.
    public static let disableAnnotation = "cluster.open-cluster-management.io/experimental-scheduling-disable"

    public var namespace: String
    public var name: String
    /// `spec.clusterSets`; empty means every set bound to the namespace.
    public var clusterSets: [String]
    /// `spec.predicates`: a cluster passes when it matches any one of them.
    public var predicates: [ClusterPredicate]
    /// `spec.numberOfClusters`; nil selects every feasible cluster.
    public var numberOfClusters: Int?
    /// `spec.prioritizerPolicy`.
    public var prioritizerPolicy: PrioritizerPolicy
    /// `spec.tolerations`.
    public var tolerations: [Toleration]
    /// `spec.decisionStrategy.groupStrategy`.
    public var groupStrategy: GroupStrategy
    /// True when the disable annotation is `"true"`.
    public var schedulingDisabled: Bool
    /// The whole object (status is written back onto it).
    public var object: YAMLNode

    /// `Placement ns/name`, for messages.
    public var displayName: String { "Placement \(namespace)/\(name)" }

    public init(namespace: String, name: String, clusterSets: [String] = [], predicates: [ClusterPredicate] = [],
        numberOfClusters: Int? = nil, prioritizerPolicy: PrioritizerPolicy = PrioritizerPolicy(),
        tolerations: [Toleration] = [], groupStrategy: GroupStrategy = GroupStrategy())
    {
        self.namespace = namespace
        self.name = name
        self.clusterSets = clusterSets
        self.predicates = predicates
        self.numberOfClusters = numberOfClusters
        self.prioritizerPolicy = prioritizerPolicy
        self.tolerations = tolerations
        self.groupStrategy = groupStrategy
        schedulingDisabled = false
        object = .mapping([
            YAMLPair("apiVersion", .string("cluster.open-cluster-management.io/v1beta1")), YAMLPair("kind", .string("Placement")),
            YAMLPair("metadata", .mapping([YAMLPair("name", .string(name)), YAMLPair("namespace", .string(namespace))])),
        ])
    }

    /// Reads a Placement object. Shape errors name the field; semantic problems (an unknown
    /// prioritizer, a bad toleration) are left to the scheduler, which reports them as
    /// `PlacementMisconfigured` as OCM does.
    public init(node: YAMLNode) throws(ModelError) {
        let r = FieldReader(node, kind: "Placement")
        guard let name = try r.string(node[path: ["metadata", "name"]], "metadata.name"), !name.isEmpty else {
            throw r.error("metadata.name", "a Placement needs a name")
        }
        let spec = node["spec"]
        self.name = name
        namespace = try r.string(node[path: ["metadata", "namespace"]], "metadata.namespace") ?? "default"
        clusterSets = try r.strings(spec?["clusterSets"], "spec.clusterSets")
        predicates = try r.items(spec?["predicates"], "spec.predicates").enumerated().map { (i, p) throws(ModelError) in
            try ClusterPredicate(node: p["requiredClusterSelector"] ?? .emptyMapping, reader: r,
                field: "spec.predicates[\(i)].requiredClusterSelector")
        }
        numberOfClusters = try r.int(spec?["numberOfClusters"], "spec.numberOfClusters")
        if let n = numberOfClusters, n < 0 { throw r.error("spec.numberOfClusters", "must not be negative") }
        prioritizerPolicy = try PrioritizerPolicy(node: spec?["prioritizerPolicy"], reader: r)
        tolerations = try r.items(spec?["tolerations"], "spec.tolerations").enumerated().map { (i, t) throws(ModelError) in
            try Toleration(node: t, reader: r, field: "spec.tolerations[\(i)]")
        }
        groupStrategy = try GroupStrategy(node: spec?[path: ["decisionStrategy", "groupStrategy"]], reader: r)
        schedulingDisabled = node.annotations[Self.disableAnnotation] == "true"
        object = node
    }
}

/// One predicate: the AND of a label selector, a claim selector and CEL expressions.
public struct ClusterPredicate: Sendable, Hashable {
    public var labelSelector: LabelSelector
    /// Over `status.clusterClaims` (only `matchExpressions` exist in the API).
    public var claimSelector: LabelSelector
    /// CEL expressions over `managedCluster`; all must be true.
    public var celExpressions: [String]

    public init(labelSelector: LabelSelector = LabelSelector(), claimSelector: LabelSelector = LabelSelector(),
        celExpressions: [String] = [])
    {
        self.labelSelector = labelSelector
        self.claimSelector = claimSelector
        self.celExpressions = celExpressions
    }

    init(node: YAMLNode, reader r: FieldReader, field: String) throws(ModelError) {
        labelSelector = try r.selector(node["labelSelector"], "\(field).labelSelector") ?? LabelSelector()
        claimSelector = try r.selector(node["claimSelector"], "\(field).claimSelector") ?? LabelSelector()
        celExpressions = try r.strings(node[path: ["celSelector", "celExpressions"]], "\(field).celSelector.celExpressions")
    }
}

/// Which score a prioritizer contributes: a built-in one or an AddOnPlacementScore.
public enum ScoreCoordinate: Sendable, Hashable, Comparable, CustomStringConvertible {
    case builtIn(String)
    case addOn(resourceName: String, scoreName: String)

    public var description: String {
        switch self {
        case .builtIn(let n): return n
        case .addOn(let r, let s): return "AddOn/\(r)/\(s)"
        }
    }
    public static func < (a: ScoreCoordinate, b: ScoreCoordinate) -> Bool { a.description < b.description }
}

/// `spec.prioritizerPolicy`.
public struct PrioritizerPolicy: Sendable, Hashable {
    /// `Additive` (defaults plus configurations, the default) or `Exact` (configurations only).
    public var mode: String
    /// Configured coordinates and weights, in order; a nil coordinate is a misconfiguration.
    public var configurations: [(coordinate: ScoreCoordinate?, weight: Int)]

    public init(mode: String = "Additive", configurations: [(coordinate: ScoreCoordinate?, weight: Int)] = []) {
        self.mode = mode
        self.configurations = configurations
    }

    init(node: YAMLNode?, reader r: FieldReader) throws(ModelError) {
        mode = try r.string(node?["mode"], "spec.prioritizerPolicy.mode") ?? "Additive"
        var confs: [(ScoreCoordinate?, Int)] = []
        for (i, c) in try r.items(node?["configurations"], "spec.prioritizerPolicy.configurations").enumerated() {
            let f = "spec.prioritizerPolicy.configurations[\(i)]"
            let weight = try r.int(c["weight"], "\(f).weight") ?? 1
            if weight < -10 || weight > 10 { throw r.error("\(f).weight", "weight \(weight) is outside -10…10") }
            var coordinate: ScoreCoordinate? = nil
            if let sc = c["scoreCoordinate"] {
                let type = try r.string(sc["type"], "\(f).scoreCoordinate.type") ?? "BuiltIn"
                if type == "AddOn" {
                    coordinate = .addOn(resourceName: try r.string(sc[path: ["addOn", "resourceName"]], "\(f).scoreCoordinate.addOn.resourceName") ?? "",
                        scoreName: try r.string(sc[path: ["addOn", "scoreName"]], "\(f).scoreCoordinate.addOn.scoreName") ?? "")
                } else {
                    coordinate = .builtIn(try r.string(sc["builtIn"], "\(f).scoreCoordinate.builtIn") ?? "")
                }
            } else if let legacy = try r.string(c["name"], "\(f).name") {
                coordinate = .builtIn(legacy)
            }
            confs.append((coordinate, weight))
        }
        configurations = confs
    }

    public static func == (a: PrioritizerPolicy, b: PrioritizerPolicy) -> Bool {
        a.mode == b.mode && a.configurations.map { "\($0.coordinate?.description ?? "-")=\($0.weight)" }
            == b.configurations.map { "\($0.coordinate?.description ?? "-")=\($0.weight)" }
    }
    public func hash(into h: inout Hasher) {
        h.combine(mode)
        for c in configurations { h.combine(c.coordinate); h.combine(c.weight) }
    }
}

/// A toleration of a Placement.
public struct Toleration: Sendable, Hashable {
    public var key: String
    /// `Equal` (the default) or `Exists`.
    public var op: String
    public var value: String
    /// Empty matches every effect.
    public var effect: String
    /// How long after the taint's `timeAdded` the toleration holds; nil for ever.
    public var tolerationSeconds: Int64?

    public init(key: String = "", op: String = "Equal", value: String = "", effect: String = "", tolerationSeconds: Int64? = nil) {
        self.key = key
        self.op = op
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    init(node: YAMLNode, reader r: FieldReader, field: String) throws(ModelError) {
        let op = try r.string(node["operator"], "\(field).operator") ?? "Equal"
        guard op == "Equal" || op == "Exists" else {
            throw r.error("\(field).operator", "unknown operator '\(op)'", hint: "use Equal or Exists")
        }
        self.init(key: try r.string(node["key"], "\(field).key") ?? "", op: op,
            value: try r.string(node["value"], "\(field).value") ?? "",
            effect: try r.string(node["effect"], "\(field).effect") ?? "",
            tolerationSeconds: try r.int(node["tolerationSeconds"], "\(field).tolerationSeconds").map(Int64.init))
    }
}

/// `spec.decisionStrategy.groupStrategy`.
public struct GroupStrategy: Sendable, Hashable {
    /// A named decision group chosen by selectors.
    public struct DecisionGroup: Sendable, Hashable {
        public var name: String
        public var selector: ClusterPredicate
        public init(name: String, selector: ClusterPredicate) {
            self.name = name
            self.selector = selector
        }
    }
    public var decisionGroups: [DecisionGroup]
    /// `clustersPerDecisionGroup`: a count or a percentage (`"25%"`); nil means all in one group.
    public var clustersPerDecisionGroup: String?

    public init(decisionGroups: [DecisionGroup] = [], clustersPerDecisionGroup: String? = nil) {
        self.decisionGroups = decisionGroups
        self.clustersPerDecisionGroup = clustersPerDecisionGroup
    }

    init(node: YAMLNode?, reader r: FieldReader) throws(ModelError) {
        let f = "spec.decisionStrategy.groupStrategy"
        decisionGroups = try r.items(node?["decisionGroups"], "\(f).decisionGroups").enumerated().map { (i, g) throws(ModelError) in
            DecisionGroup(name: try r.string(g["groupName"], "\(f).decisionGroups[\(i)].groupName") ?? "",
                selector: try ClusterPredicate(node: g["groupClusterSelector"] ?? .emptyMapping, reader: r,
                    field: "\(f).decisionGroups[\(i)].groupClusterSelector"))
        }
        clustersPerDecisionGroup = try r.string(node?["clustersPerDecisionGroup"], "\(f).clustersPerDecisionGroup")
    }
}
