import KealmYAML

/// The columns `kubectl get` shows for built-in kinds, as a real API server serves them
/// (learned from the upstream printers; written here from their observable output).
enum BuiltinPrinters {
    /// Printers by storage key (`apps/deployments`).
    static let byResource: [String: TablePrinter] = {
        var d: [String: TablePrinter] = [
            "/pods": pod, "/namespaces": namespace, "/configmaps": configMap, "/secrets": secret, "/serviceaccounts": serviceAccount,
            "/services": service, "/events": event, "/nodes": node, "/persistentvolumeclaims": pvc, "/persistentvolumes": pv,
            "/endpoints": endpoints, "/replicationcontrollers": replicationController,
            "apps/deployments": deployment, "apps/replicasets": replicaSet, "apps/statefulsets": statefulSet, "apps/daemonsets": daemonSet,
            "batch/jobs": job, "batch/cronjobs": cronJob,
            "coordination.k8s.io/leases": lease, "storage.k8s.io/storageclasses": storageClass,
            "networking.k8s.io/ingresses": ingress, "networking.k8s.io/networkpolicies": networkPolicy,
            "policy/poddisruptionbudgets": podDisruptionBudget, "scheduling.k8s.io/priorityclasses": priorityClass,
            "rbac.authorization.k8s.io/rolebindings": roleBinding, "rbac.authorization.k8s.io/clusterrolebindings": roleBinding,
        ]
        for k in ["apiextensions.k8s.io/customresourcedefinitions", "rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/clusterroles"] {
            d[k] = .nameCreated
        }
        return d
    }()

    static let namespace = TablePrinter(columns: [.name, .text("Status", "The status of the namespace"), .age]) { o, now in
        [TableRow.name(o), TableRow.text(o, "status", "phase", or: ""), TableRow.age(o, now)]
    }

    static let configMap = TablePrinter(columns: [.name, .integer("Data", "Number of keys in the ConfigMap"), .age]) { o, now in
        [TableRow.name(o), .int(TableRow.count(o, "data") + TableRow.count(o, "binaryData")), TableRow.age(o, now)]
    }

    static let secret = TablePrinter(columns: [.name, .text("Type", "The type of the secret"), .integer("Data", "Number of keys in the secret"), .age]) { o, now in
        [TableRow.name(o), TableRow.text(o, "type", or: "Opaque"), .int(TableRow.count(o, "data")), TableRow.age(o, now)]
    }

    static let serviceAccount = TablePrinter(columns: [.name, .integer("Secrets", "Secrets is a list of the secrets in the same namespace"), .age]) { o, now in
        [TableRow.name(o), .int(TableRow.count(o, "secrets")), TableRow.age(o, now)]
    }

    static let lease = TablePrinter(columns: [.name, .text("Holder", "HolderIdentity is the identity of the current holder"), .age]) { o, now in
        [TableRow.name(o), TableRow.text(o, "spec", "holderIdentity", or: ""), TableRow.age(o, now)]
    }

    static let service = TablePrinter(columns: [
        .name, .text("Type", "The type of the service"), .text("Cluster-IP", "The cluster IP address"),
        .text("External-IP", "The external IP addresses"), .text("Port(s)", "The ports of the service"), .age,
        .text("Selector", "The pod selector of the service", wide: true),
    ]) { o, now in
        let type = o.string(at: "spec", "type") ?? "ClusterIP"
        let ports = (o[path: ["spec", "ports"]]?.items ?? []).map { p -> String in
            let port = p["port"]?.scalar?.value ?? ""
            let proto = p.string(at: "protocol") ?? "TCP"
            if let np = p["nodePort"]?.scalar?.value { return "\(port):\(np)/\(proto)" }
            return "\(port)/\(proto)"
        }
        return [TableRow.name(o), .text(type), TableRow.text(o, "spec", "clusterIP"), .text(externalIPs(o, type)),
                .text(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), TableRow.age(o, now), TableRow.selector(o[path: ["spec", "selector"]])]
    }

    static func externalIPs(_ o: YAMLNode, _ type: String) -> String {
        let external = (o[path: ["spec", "externalIPs"]]?.items ?? []).compactMap(\.string)
        let ingress = (o[path: ["status", "loadBalancer", "ingress"]]?.items ?? []).compactMap { $0.string(at: "ip") ?? $0.string(at: "hostname") }
        switch type {
        case "LoadBalancer":
            let all = ingress + external
            return all.isEmpty ? "<pending>" : all.joined(separator: ",")
        case "ExternalName":
            return o.string(at: "spec", "externalName") ?? "<none>"
        default:
            return external.isEmpty ? "<none>" : external.joined(separator: ",")
        }
    }

    static let endpoints = TablePrinter(columns: [.name, .text("Endpoints", "Endpoints of the service"), .age]) { o, now in
        var list: [String] = []
        for subset in o["subsets"]?.items ?? [] {
            let ips = (subset["addresses"]?.items ?? []).compactMap { $0.string(at: "ip") }
            let ports = (subset["ports"]?.items ?? []).compactMap { $0["port"]?.scalar?.value }
            for ip in ips {
                if ports.isEmpty { list.append(ip) } else { list += ports.map { "\(ip):\($0)" } }
            }
        }
        let shown = list.count > 3 ? list.prefix(3).joined(separator: ",") + " + \(list.count - 3) more..." : list.joined(separator: ",")
        return [TableRow.name(o), .text(shown.isEmpty ? "<none>" : shown), TableRow.age(o, now)]
    }

    static let event = TablePrinter(columns: [
        .text("Last Seen", "The last time the event was seen"), .text("Type", "The type of the event"), .text("Reason", "The reason of the event"),
        .text("Object", "The object the event is about"), .text("Subobject", "The field of the object", wide: true),
        .text("Source", "The component reporting the event", wide: true), .text("Message", "A human-readable description"),
        .text("First Seen", "The first time the event was seen", wide: true), .integer("Count", "How many times it occurred", wide: true),
        TableColumn(name: "Name", format: "name", description: "Name must be unique within a namespace.", priority: 1),
    ]) { o, now in
        let last = o.string(at: "series", "lastObservedTime") ?? o.string(at: "lastTimestamp") ?? o.string(at: "eventTime")
            ?? o.string(at: "metadata", "creationTimestamp")
        let first = o.string(at: "firstTimestamp") ?? o.string(at: "eventTime") ?? o.string(at: "metadata", "creationTimestamp")
        let kind = (o.string(at: "involvedObject", "kind") ?? "").lowercased()
        let object = "\(kind)/\(o.string(at: "involvedObject", "name") ?? "")"
        var source = o.string(at: "source", "component") ?? o.string(at: "reportingComponent") ?? ""
        if let host = o.string(at: "source", "host"), !host.isEmpty { source += ", \(host)" }
        let count = o["count"]?.intValue ?? o[path: ["series", "count"]]?.intValue ?? 1
        return [TableRow.ageOf(last, now), TableRow.text(o, "type", or: ""), TableRow.text(o, "reason", or: ""), .text(object),
                TableRow.text(o, "involvedObject", "fieldPath", or: ""), .text(source), TableRow.text(o, "message", or: ""),
                TableRow.ageOf(first, now), .int(count), TableRow.name(o)]
    }

    static let node = TablePrinter(columns: [
        .name, .text("Status", "The status of the node"), .text("Roles", "The roles of the node"), .age,
        .text("Version", "Kubelet version"), .text("Internal-IP", "Internal IP", wide: true), .text("External-IP", "External IP", wide: true),
        .text("OS-Image", "OS image", wide: true), .text("Kernel-Version", "Kernel version", wide: true),
        .text("Container-Runtime", "Container runtime", wide: true),
    ]) { o, now in
        let ready = (o[path: ["status", "conditions"]]?.items ?? []).first { $0.string(at: "type") == "Ready" }
        var status = ready.map { $0.string(at: "status") == "True" ? "Ready" : $0.string(at: "status") == "False" ? "NotReady" : "Unknown" } ?? "Unknown"
        if o[path: ["spec", "unschedulable"]]?.boolValue == true { status += ",SchedulingDisabled" }
        let roles = (o[path: ["metadata", "labels"]]?.pairs ?? []).compactMap { p -> String? in
            let prefix = "node-role.kubernetes.io/"
            return p.key.value.hasPrefix(prefix) ? String(p.key.value.dropFirst(prefix.count)) : nil
        }.sorted()
        func address(_ type: String) -> TableCell {
            let a = (o[path: ["status", "addresses"]]?.items ?? []).first { $0.string(at: "type") == type }?.string(at: "address")
            return .text(a ?? "<none>")
        }
        return [TableRow.name(o), .text(status), .text(roles.isEmpty ? "<none>" : roles.joined(separator: ",")), TableRow.age(o, now),
                TableRow.text(o, "status", "nodeInfo", "kubeletVersion", or: ""), address("InternalIP"), address("ExternalIP"),
                TableRow.text(o, "status", "nodeInfo", "osImage", or: "<unknown>"), TableRow.text(o, "status", "nodeInfo", "kernelVersion", or: "<unknown>"),
                TableRow.text(o, "status", "nodeInfo", "containerRuntimeVersion", or: "<unknown>")]
    }

    static let pvc = TablePrinter(columns: [
        .name, .text("Status", "The phase of the claim"), .text("Volume", "The bound volume"), .text("Capacity", "The capacity"),
        .text("Access Modes", "The access modes"), .text("StorageClass", "The storage class"),
        .text("VolumeAttributesClass", "The volume attributes class"), .age, .text("VolumeMode", "The volume mode", wide: true),
    ]) { o, now in
        let phase = o[path: ["metadata", "deletionTimestamp"]] != nil ? "Terminating" : (o.string(at: "status", "phase") ?? "Pending")
        return [TableRow.name(o), .text(phase), TableRow.text(o, "spec", "volumeName", or: ""), TableRow.text(o, "status", "capacity", "storage", or: ""),
                TableRow.accessModes(o[path: ["status", "accessModes"]]), TableRow.text(o, "spec", "storageClassName", or: ""),
                TableRow.text(o, "spec", "volumeAttributesClassName", or: "<unset>"), TableRow.age(o, now),
                TableRow.text(o, "spec", "volumeMode", or: "Filesystem")]
    }

    static let pv = TablePrinter(columns: [
        .name, .text("Capacity", "The capacity"), .text("Access Modes", "The access modes"), .text("Reclaim Policy", "The reclaim policy"),
        .text("Status", "The phase"), .text("Claim", "The bound claim"), .text("StorageClass", "The storage class"),
        .text("VolumeAttributesClass", "The volume attributes class"), .text("Reason", "The reason"), .age,
        .text("VolumeMode", "The volume mode", wide: true),
    ]) { o, now in
        var claim = ""
        if let ref = o[path: ["spec", "claimRef"]] { claim = "\(ref.string(at: "namespace") ?? "")/\(ref.string(at: "name") ?? "")" }
        let phase = o[path: ["metadata", "deletionTimestamp"]] != nil ? "Terminating" : (o.string(at: "status", "phase") ?? "Pending")
        return [TableRow.name(o), TableRow.text(o, "spec", "capacity", "storage", or: ""), TableRow.accessModes(o[path: ["spec", "accessModes"]]),
                TableRow.text(o, "spec", "persistentVolumeReclaimPolicy", or: "Retain"), .text(phase), .text(claim),
                TableRow.text(o, "spec", "storageClassName", or: ""), TableRow.text(o, "spec", "volumeAttributesClassName", or: "<unset>"),
                TableRow.text(o, "status", "reason", or: ""), TableRow.age(o, now), TableRow.text(o, "spec", "volumeMode", or: "Filesystem")]
    }
}
