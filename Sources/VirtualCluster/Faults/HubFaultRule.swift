/// One fault-injection rule of the virtual control plane: which requests it matches, what it
/// does to them, and how often (a probability, a count, an expiry).
///
/// Rules are data (YAML or JSON, see `HubFaultRuleSet.parse`); `kealm hub serve --faults FILE`
/// loads them and `PUT /kealm/faults` replaces them at runtime. See docs/virtualcluster.md.
public struct HubFaultRule: Sendable, Equatable {
    /// A name for reports (`GET /kealm/faults` shows how often each rule fired).
    public var name: String
    public var match: HubFaultMatch
    public var action: HubFaultAction
    /// The chance (0…1) that a matching request is hit.
    public var probability: Double = 1
    /// The rule fires at most this many times (nil: no limit).
    public var count: Int?
    /// Seconds after loading during which the rule is active (nil: until removed).
    public var expiresAfter: Double?

    public init(name: String, match: HubFaultMatch = HubFaultMatch(), action: HubFaultAction, probability: Double = 1,
                count: Int? = nil, expiresAfter: Double? = nil) {
        self.name = name
        self.match = match
        self.action = action
        self.probability = probability
        self.count = count
        self.expiresAfter = expiresAfter
    }
}

/// What a rule does to a matching request.
public enum HubFaultAction: Sendable, Equatable {
    /// Answers with this status (500, 503, 429…) and a Kubernetes `Status` body; `retryAfter`
    /// seconds go to a `Retry-After` header.
    case respond(status: Int, retryAfter: Int?, message: String?)
    /// Waits this many milliseconds, then goes on (to the next rules and the API).
    case delay(milliseconds: Int)
    /// Lets a watch start, then ends its stream cleanly after `afterEvents` lines, or closes the
    /// connection after `afterSeconds`, whichever comes first.
    case dropWatch(afterEvents: Int?, afterSeconds: Double?)
    /// Answers writes with 409 Conflict (`the object has been modified`).
    case conflict
    /// Closes the TCP connection with a reset, without any response.
    case reset

    /// True when the request goes on to the API after the action (delay, dropWatch).
    public var passesThrough: Bool {
        switch self {
        case .delay, .dropWatch: return true
        case .respond, .conflict, .reset: return false
        }
    }
}

/// Which requests a rule matches. Every field left empty matches anything.
public struct HubFaultMatch: Sendable, Equatable {
    /// Logical cluster names (`default` for paths without `/clusters/<name>`).
    public var clusters: [String] = []
    /// Kubernetes verbs: get, list, watch, create, update, patch, delete, deletecollection.
    public var verbs: [String] = []
    /// Resource plurals (`configmaps`, `manifestworks`).
    public var resources: [String] = []
    public var namespaces: [String] = []
    /// A prefix of the request path as sent (`/clusters/c1/apis/apps`).
    public var pathPrefix: String?
    /// A substring of the `User-Agent` header.
    public var userAgent: String?

    public init(clusters: [String] = [], verbs: [String] = [], resources: [String] = [], namespaces: [String] = [],
                pathPrefix: String? = nil, userAgent: String? = nil) {
        self.clusters = clusters
        self.verbs = verbs
        self.resources = resources
        self.namespaces = namespaces
        self.pathPrefix = pathPrefix
        self.userAgent = userAgent
    }

    /// True when the request is in the rule's scope.
    public func matches(_ t: HubFaultTarget) -> Bool {
        func inList(_ list: [String], _ value: String?) -> Bool { list.isEmpty || value.map(list.contains) == true }
        if !inList(clusters, t.cluster) || !inList(verbs, t.verb) || !inList(resources, t.resource) { return false }
        if !inList(namespaces, t.namespace) { return false }
        if let pathPrefix, !t.path.hasPrefix(pathPrefix) { return false }
        if let userAgent, !(t.userAgent ?? "").contains(userAgent) { return false }
        return true
    }
}

/// What a rule can match on, read from the request line alone (no registry lookup: a path
/// `/api/v1/namespaces/x/configmaps` names the resource `configmaps` in namespace `x`).
public struct HubFaultTarget: Sendable, Equatable {
    public var cluster: String
    public var verb: String?
    public var resource: String?
    public var namespace: String?
    public var path: String
    public var userAgent: String?

    public init(method: String, path: String, query: [String: String], userAgent: String?) {
        self.path = path
        self.userAgent = userAgent
        var segs = path.split(separator: "/").map(String.init)
        if segs.first == "auth", segs.count >= 2 { segs.removeFirst(2) }
        cluster = "default"
        if segs.first == "clusters", segs.count >= 2 {
            cluster = segs[1]
            segs.removeFirst(2)
        }
        // api/v1/… or apis/<group>/<version>/…
        switch segs.first {
        case "api": segs.removeFirst(min(2, segs.count))
        case "apis": segs.removeFirst(min(3, segs.count))
        default: segs = []
        }
        var name: String?
        if segs.count >= 3 && segs[0] == "namespaces" {
            namespace = segs[1]
            resource = segs[2]
            name = segs.count > 3 ? segs[3] : nil
        } else if let first = segs.first {
            resource = first
            name = segs.count > 1 ? segs[1] : nil
            if first == "namespaces" { namespace = name }
        }
        guard resource != nil else { return }
        let watch = query["watch"] == "true" || query["watch"] == "1"
        switch (method, name) {
        case ("GET", nil), ("HEAD", nil): verb = watch ? "watch" : "list"
        case ("GET", _), ("HEAD", _): verb = watch ? "watch" : "get"
        case ("POST", _): verb = "create"
        case ("PUT", _): verb = "update"
        case ("PATCH", _): verb = "patch"
        case ("DELETE", nil): verb = "deletecollection"
        case ("DELETE", _): verb = "delete"
        default: verb = nil
        }
    }

    /// True for create, update, patch, delete and deletecollection.
    public var isWrite: Bool {
        ["create", "update", "patch", "delete", "deletecollection"].contains(verb ?? "")
    }
}
