import KealmYAML

/// How items of a list of mappings are matched between desired and live.
///
/// Known Kubernetes lists use their merge keys (`containers` by name, `volumeMounts` by
/// mountPath, container `ports` by containerPort+protocol, …); any other list whose desired
/// items all have distinct names is keyed by `name`; the rest are matched by position.
enum ListKeys {
    static let known: [String: [String]] = [
        "containers": ["name"], "initContainers": ["name"], "ephemeralContainers": ["name"], "volumes": ["name"], "env": ["name"],
        "imagePullSecrets": ["name"], "volumeMounts": ["mountPath"], "volumeDevices": ["devicePath"], "hostAliases": ["ip"],
        "conditions": ["type"], "topologySpreadConstraints": ["topologyKey", "whenUnsatisfiable"], "ownerReferences": ["uid"],
        "resourceClaims": ["name"], "readinessGates": ["conditionType"],
    ]
    /// Defaults the server fills into key fields, so a desired item without them still matches.
    static let keyDefaults: [String: String] = ["protocol": "TCP"]

    /// The key fields for a list, or nil for positional matching.
    static func key(field: String?, items: [YAMLNode]) -> [String]? {
        guard !items.isEmpty, items.allSatisfy({ $0.pairs != nil }) else { return nil }
        if let field {
            if field == "ports" {
                if items.allSatisfy({ $0["containerPort"] != nil }) { return ["containerPort", "protocol"] }
                if items.allSatisfy({ $0["port"] != nil }) { return ["port", "protocol"] }
            }
            if let k = known[field], items.allSatisfy({ $0[k[0]] != nil }) { return k }
        }
        let names = items.compactMap { $0.string(at: "name") }
        if names.count == items.count && Set(names).count == names.count { return ["name"] }
        return nil
    }

    /// The index of the live item that matches a desired item on the key fields.
    static func match(_ desired: YAMLNode, in live: [YAMLNode], key: [String]) -> Int? {
        live.firstIndex { l in
            key.allSatisfy { f in
                let d = desired[f]?.scalar?.value ?? keyDefaults[f]
                let v = l[f]?.scalar?.value ?? keyDefaults[f]
                return d == nil || d == v
            }
        }
    }

    /// `name=app`, `containerPort=80,protocol=TCP`: the label of an item in a path.
    static func label(_ item: YAMLNode, key: [String]) -> String {
        key.compactMap { f in item[f]?.scalar.map { "\(f)=\($0.value)" } }.joined(separator: ",")
    }
}
