import KealmYAML

/// Printers of networking, policy, scheduling, storage and RBAC kinds.
extension BuiltinPrinters {
    static let storageClass = TablePrinter(columns: [
        .name, .text("Provisioner", "The provisioner"), .text("ReclaimPolicy", "The reclaim policy"),
        .text("VolumeBindingMode", "The volume binding mode"), TableColumn(name: "AllowVolumeExpansion", type: "boolean", description: "Whether volumes can grow"), .age,
    ]) { o, now in
        var name = o.string(at: "metadata", "name") ?? ""
        let ann = o[path: ["metadata", "annotations"]]
        if ann?.string(at: "storageclass.kubernetes.io/is-default-class") == "true" || ann?.string(at: "storageclass.beta.kubernetes.io/is-default-class") == "true" {
            name += " (default)"
        }
        return [.text(name), TableRow.text(o, "provisioner", or: ""), TableRow.text(o, "reclaimPolicy", or: "Delete"),
                TableRow.text(o, "volumeBindingMode", or: "Immediate"), .bool(o["allowVolumeExpansion"]?.boolValue ?? false), TableRow.age(o, now)]
    }

    static let ingress = TablePrinter(columns: [
        .name, .text("Class", "The ingress class"), .text("Hosts", "The hosts"), .text("Address", "The load balancer addresses"),
        .text("Ports", "The ports"), .age,
    ]) { o, now in
        let hosts = (o[path: ["spec", "rules"]]?.items ?? []).map { $0.string(at: "host") ?? "*" }
        let address = (o[path: ["status", "loadBalancer", "ingress"]]?.items ?? []).compactMap { $0.string(at: "ip") ?? $0.string(at: "hostname") }
        let ports = (o[path: ["spec", "tls"]]?.items ?? []).isEmpty ? "80" : "80, 443"
        return [TableRow.name(o), TableRow.text(o, "spec", "ingressClassName"), .text(hosts.isEmpty ? "*" : hosts.joined(separator: ",")),
                .text(address.joined(separator: ",")), .text(ports), TableRow.age(o, now)]
    }

    static let networkPolicy = TablePrinter(columns: [.name, .text("Pod-Selector", "The pods selected"), .age]) { o, now in
        [TableRow.name(o), TableRow.selector(o[path: ["spec", "podSelector"]]), TableRow.age(o, now)]
    }

    static let podDisruptionBudget = TablePrinter(columns: [
        .name, .text("Min Available", "The minimum available pods"), .text("Max Unavailable", "The maximum unavailable pods"),
        .integer("Allowed Disruptions", "The disruptions allowed now"), .age,
    ]) { o, now in
        [TableRow.name(o), .text(o[path: ["spec", "minAvailable"]]?.scalar?.value ?? "N/A"),
         .text(o[path: ["spec", "maxUnavailable"]]?.scalar?.value ?? "N/A"), TableRow.int(o, "status", "disruptionsAllowed"), TableRow.age(o, now)]
    }

    static let priorityClass = TablePrinter(columns: [
        .name, .integer("Value", "The priority"), TableColumn(name: "Global-Default", type: "boolean", description: "Whether it is the default"), .age,
        .text("PreemptionPolicy", "The preemption policy"),
    ]) { o, now in
        [TableRow.name(o), TableRow.int(o, "value"), .bool(o["globalDefault"]?.boolValue ?? false), TableRow.age(o, now),
         TableRow.text(o, "preemptionPolicy", or: "PreemptLowerPriority")]
    }

    static let roleBinding = TablePrinter(columns: [
        .name, .text("Role", "The role bound"), .age, .text("Users", "The users", wide: true), .text("Groups", "The groups", wide: true),
        .text("ServiceAccounts", "The service accounts", wide: true),
    ]) { o, now in
        let role = "\(o.string(at: "roleRef", "kind") ?? "")/\(o.string(at: "roleRef", "name") ?? "")"
        var users: [String] = [], groups: [String] = [], sas: [String] = []
        for s in o["subjects"]?.items ?? [] {
            let name = s.string(at: "name") ?? ""
            switch s.string(at: "kind") {
            case "User": users.append(name)
            case "Group": groups.append(name)
            case "ServiceAccount": sas.append("\(s.string(at: "namespace") ?? ""):\(name)")
            default: break
            }
        }
        return [TableRow.name(o), .text(role), TableRow.age(o, now), .text(users.joined(separator: ", ")),
                .text(groups.joined(separator: ", ")), .text(sas.joined(separator: ", "))]
    }
}
