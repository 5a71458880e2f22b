import KealmYAML

/// The field labels a list or watch may select on (`fieldSelector=status.phase=Running`), per
/// resource, as the API server supports them: `metadata.name` (and `metadata.namespace` for
/// namespaced resources) everywhere, plus each kind's own fields; a CRD adds its `selectableFields`.
/// Any other label is refused with 400: `field label not supported: X` for kinds with fields of their own,
/// `"X" is not a known field selector: only "metadata.name", "metadata.namespace"` for the others.
enum FieldLabels {
    /// Kind-specific labels by storage key.
    static let byResource: [String: Set<String>] = [
        "/pods": ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
                  "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
        "/events": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                    "reportingComponent", "source", "type"],
        "/secrets": ["type"],
        "/namespaces": ["status.phase"],
        "/nodes": ["spec.unschedulable"],
        "/replicationcontrollers": ["status.replicas"],
        "apps/replicasets": ["status.replicas"],
        "batch/jobs": ["status.successful"],
        "certificates.k8s.io/certificatesigningrequests": ["spec.signerName"],
        "events.k8s.io/events": ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
                                 "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type"],
    ]

    /// The labels a resource supports.
    static func supported(_ r: ResourceInfo, _ registry: ResourceRegistry) -> Set<String> {
        var s: Set<String> = ["metadata.name"]
        if r.namespaced { s.insert("metadata.namespace") }
        s.formUnion(byResource[r.storageKey] ?? [])
        s.formUnion(registry.customDetails(r)?.selectableFields ?? [])
        return s
    }

    /// The value of a field label on an object, with the defaults the API server would have set
    /// (`spec.restartPolicy: Always`, Secret `type: Opaque`, …) and the computed labels
    /// (`source`, `status.podIPs`, `status.successful`).
    static func value(_ path: [String], of object: YAMLNode) -> String {
        let label = path.joined(separator: ".")
        let kind = object.string(at: "kind") ?? ""
        switch (kind, label) {
        case ("Event", "source"):
            return object.string(at: "source", "component") ?? ""
        case ("Pod", "status.podIPs"):
            return (object[path: ["status", "podIPs"]]?.items ?? []).compactMap { $0.string(at: "ip") }.joined(separator: ",")
        case ("Job", "status.successful"):
            return object[path: ["status", "succeeded"]]?.scalar?.value ?? "0"
        default: break
        }
        if let v = object[path: path]?.scalar, !object[path: path]!.isNull { return v.value }
        switch (kind, label) {
        case ("Pod", "spec.restartPolicy"): return "Always"
        case ("Pod", "spec.schedulerName"): return "default-scheduler"
        case ("Pod", "spec.hostNetwork"), ("Node", "spec.unschedulable"): return "false"
        case ("Pod", "status.phase"): return "Pending"
        case ("Secret", "type"): return "Opaque"
        case ("ReplicaSet", "status.replicas"), ("ReplicationController", "status.replicas"): return "0"
        default: return ""
        }
    }

    /// Parses a field selector (`a=b,c!=d`, values may escape `\,` `\=` `\\`) into terms, checking
    /// each label against the resource (400 naming the label when it is not supported).
    static func parse(_ text: String, _ r: ResourceInfo, _ registry: ResourceRegistry) throws(APIError) -> [(path: [String], value: String, equal: Bool)] {
        let allowed = supported(r, registry)
        var terms: [(path: [String], value: String, equal: Bool)] = []
        for term in splitTerms(text) where !term.trimmingCharacters(in: " ").isEmpty {
            let (k, v, eq): (String, String, Bool)
            if let r = term.range(of: "!=") {
                (k, v, eq) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), false)
            } else if let r = term.range(of: "==") ?? term.range(of: "=") {
                (k, v, eq) = (String(term[..<r.lowerBound]), String(term[r.upperBound...]), true)
            } else {
                throw APIError.badRequest("invalid field selector: \"\(term)\": use field=value, field==value or field!=value")
            }
            let key = k.trimmingCharacters(in: " ")
            guard allowed.contains(key) else {
                // Kinds with fields of their own word it as their conversion does; the others as the default one.
                if allowed.count > 2 || (!r.namespaced && allowed.count > 1) {
                    throw APIError.badRequest("field label not supported: \(key)")
                }
                throw APIError.badRequest("\"\(key)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
            }
            terms.append((key.split(separator: ".").map(String.init), unescape(v), eq))
        }
        return terms
    }

    /// Splits on commas that are not escaped.
    static func splitTerms(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var escaped = false
        for c in s {
            if escaped {
                cur.append("\\")
                cur.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "," {
                out.append(cur)
                cur = ""
            } else {
                cur.append(c)
            }
        }
        out.append(cur)
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
