import KealmYAML

/// Printers of the workload kinds (apps/v1, batch/v1, ReplicationController).
extension BuiltinPrinters {
    static let wideWorkload: [TableColumn] = [
        .text("Containers", "Names of each container in the template", wide: true),
        .text("Images", "Images referenced by each container in the template", wide: true),
        .text("Selector", "The label selector", wide: true),
    ]

    static func template(_ o: YAMLNode) -> YAMLNode? { o[path: ["spec", "template", "spec"]] }

    static let deployment = TablePrinter(columns: [
        .name, .text("Ready", "Number of the pod with ready state"), .integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec"),
        .integer("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment"), .age,
    ] + wideWorkload) { o, now in
        let desired = o[path: ["spec", "replicas"]]?.intValue ?? 1
        let ready = o[path: ["status", "readyReplicas"]]?.intValue ?? 0
        return [TableRow.name(o), .text("\(ready)/\(desired)"), TableRow.int(o, "status", "updatedReplicas"),
                TableRow.int(o, "status", "availableReplicas"), TableRow.age(o, now)]
            + TableRow.containers(template(o)) + [TableRow.selector(o[path: ["spec", "selector"]])]
    }

    static let replicaSet = TablePrinter(columns: [
        .name, .integer("Desired", "Number of desired pods"), .integer("Current", "Number of actual pods"),
        .integer("Ready", "Number of ready pods"), .age,
    ] + wideWorkload) { o, now in
        [TableRow.name(o), .int(o[path: ["spec", "replicas"]]?.intValue ?? 1), TableRow.int(o, "status", "replicas"),
         TableRow.int(o, "status", "readyReplicas"), TableRow.age(o, now)]
            + TableRow.containers(template(o)) + [TableRow.selector(o[path: ["spec", "selector"]])]
    }

    static let replicationController = replicaSet

    static let statefulSet = TablePrinter(columns: [
        .name, .text("Ready", "Number of the pod with ready state"), .age, wideWorkload[0], wideWorkload[1],
    ]) { o, now in
        let desired = o[path: ["spec", "replicas"]]?.intValue ?? 1
        let ready = o[path: ["status", "readyReplicas"]]?.intValue ?? 0
        return [TableRow.name(o), .text("\(ready)/\(desired)"), TableRow.age(o, now)] + TableRow.containers(template(o))
    }

    static let daemonSet = TablePrinter(columns: [
        .name, .integer("Desired", "The desired number of daemon pods"), .integer("Current", "The current number of daemon pods"),
        .integer("Ready", "The number of ready daemon pods"), .integer("Up-to-date", "The number of updated daemon pods"),
        .integer("Available", "The number of available daemon pods"), .text("Node Selector", "The node selector of the template"), .age,
    ] + wideWorkload) { o, now in
        let ns = (template(o)?["nodeSelector"]?.pairs ?? []).sorted { $0.key.value < $1.key.value }.map { "\($0.key.value)=\($0.value.string ?? "")" }
        return [TableRow.name(o), TableRow.int(o, "status", "desiredNumberScheduled"), TableRow.int(o, "status", "currentNumberScheduled"),
                TableRow.int(o, "status", "numberReady"), TableRow.int(o, "status", "updatedNumberScheduled"),
                TableRow.int(o, "status", "numberAvailable"), .text(ns.isEmpty ? "<none>" : ns.joined(separator: ",")), TableRow.age(o, now)]
            + TableRow.containers(template(o)) + [TableRow.selector(o[path: ["spec", "selector"]])]
    }

    static let job = TablePrinter(columns: [
        .name, .text("Status", "Status of the job"), .text("Completions", "The completed pods against the desired ones"),
        .text("Duration", "Time the job took or has been running"), .age,
    ] + wideWorkload) { o, now in
        let succeeded = o[path: ["status", "succeeded"]]?.intValue ?? 0
        var completions: String
        if let c = o[path: ["spec", "completions"]]?.intValue {
            completions = "\(succeeded)/\(c)"
        } else {
            let p = o[path: ["spec", "parallelism"]]?.intValue ?? 1
            completions = p > 1 ? "\(succeeded)/1 of \(p)" : "\(succeeded)/1"
        }
        var duration = ""
        if let start = o.string(at: "status", "startTime").flatMap(ServerClock.parse) {
            let end = o.string(at: "status", "completionTime").flatMap(ServerClock.parse) ?? now
            duration = HumanAge.format(end - start)
        }
        return [TableRow.name(o), .text(jobStatus(o)), .text(completions), .text(duration), TableRow.age(o, now)]
            + TableRow.containers(template(o)) + [TableRow.selector(o[path: ["spec", "selector"]])]
    }

    /// The STATUS of a Job from its conditions.
    static func jobStatus(_ o: YAMLNode) -> String {
        let conds = (o[path: ["status", "conditions"]]?.items ?? []).filter { $0.string(at: "status") == "True" }.compactMap { $0.string(at: "type") }
        for (cond, shown) in [("Failed", "Failed"), ("Complete", "Complete"), ("Suspended", "Suspended"), ("FailureTarget", "FailureTarget"),
                              ("SuccessCriteriaMet", "SuccessCriteriaMet")] where conds.contains(cond) {
            return shown
        }
        if o[path: ["metadata", "deletionTimestamp"]] != nil { return "Terminating" }
        return "Running"
    }

    static let cronJob = TablePrinter(columns: [
        .name, .text("Schedule", "The schedule"), .text("Timezone", "The time zone"), TableColumn(name: "Suspend", type: "boolean", description: "Whether it is suspended"),
        .integer("Active", "The number of running jobs"), .text("Last Schedule", "When a job was last scheduled"), .age,
    ] + wideWorkload) { o, now in
        let last = o.string(at: "status", "lastScheduleTime")
        return [TableRow.name(o), TableRow.text(o, "spec", "schedule", or: ""), TableRow.text(o, "spec", "timeZone"),
                .bool(o[path: ["spec", "suspend"]]?.boolValue ?? false), .int(TableRow.count(o, "status", "active")),
                last == nil ? .text("<none>") : TableRow.ageOf(last, now), TableRow.age(o, now)]
            + TableRow.containers(o[path: ["spec", "jobTemplate", "spec", "template", "spec"]])
            + [TableRow.selector(o[path: ["spec", "jobTemplate", "spec", "selector"]])]
    }
}
