import KealmYAML

/// The Pod printer: READY, STATUS (the reason a pod is not running, as kubectl words it),
/// RESTARTS (with the age of the last restart) and the wide IP/NODE columns.
extension BuiltinPrinters {
    static let pod = TablePrinter(columns: [
        .name, .text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        .text("Status", "The aggregate status of the containers in this pod."),
        .text("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        .age, .text("IP", "IP address allocated to the pod.", wide: true), .text("Node", "Name of the node this pod is scheduled on.", wide: true),
        .text("Nominated Node", "Name of the node this pod is nominated to run on.", wide: true),
        .text("Readiness Gates", "Pod readiness gates.", wide: true),
    ]) { o, now in
        let s = podState(o)
        var restarts = "\(s.restarts)"
        if let last = s.lastRestart { restarts += " (\(HumanAge.since(last, now: now)) ago)" }
        let gates = o[path: ["spec", "readinessGates"]]?.items ?? []
        var gatesCell = "<none>"
        if !gates.isEmpty {
            let conds = o[path: ["status", "conditions"]]?.items ?? []
            let ok = gates.filter { g in conds.contains { $0.string(at: "type") == g.string(at: "conditionType") && $0.string(at: "status") == "True" } }
            gatesCell = "\(ok.count)/\(gates.count)"
        }
        return [TableRow.name(o), .text("\(s.ready)/\(s.total)"), .text(s.reason), .text(restarts), TableRow.age(o, now),
                TableRow.text(o, "status", "podIP"), TableRow.text(o, "spec", "nodeName"), TableRow.text(o, "status", "nominatedNodeName"),
                .text(gatesCell)]
    }

    struct PodState {
        var ready = 0
        var total = 0
        var restarts = 0
        var lastRestart: Double?
        var reason = ""
    }

    /// What the Pod's READY, STATUS and RESTARTS columns show.
    static func podState(_ o: YAMLNode) -> PodState {
        var st = PodState()
        st.total = o[path: ["spec", "containers"]]?.items?.count ?? 0
        st.reason = o.string(at: "status", "reason") ?? o.string(at: "status", "phase") ?? "Pending"
        func noteRestart(_ c: YAMLNode) {
            st.restarts += c["restartCount"]?.intValue ?? 0
            if let t = c.string(at: "lastState", "terminated", "finishedAt").flatMap(ServerClock.parse), t > (st.lastRestart ?? 0) {
                st.lastRestart = t
            }
        }
        let inits = o[path: ["status", "initContainerStatuses"]]?.items ?? []
        let initCount = o[path: ["spec", "initContainers"]]?.items?.count ?? inits.count
        var initializing = false
        for (i, c) in inits.enumerated() {
            noteRestart(c)
            if let t = c[path: ["state", "terminated"]], t["exitCode"]?.intValue == 0 { continue }
            if let t = c[path: ["state", "terminated"]] {
                if let r = t.string(at: "reason"), !r.isEmpty {
                    st.reason = "Init:" + r
                } else if let sig = t["signal"]?.intValue, sig != 0 {
                    st.reason = "Init:Signal:\(sig)"
                } else {
                    st.reason = "Init:ExitCode:\(t["exitCode"]?.intValue ?? 0)"
                }
            } else if let r = c.string(at: "state", "waiting", "reason"), !r.isEmpty, r != "PodInitializing" {
                st.reason = "Init:" + r
            } else {
                st.reason = "Init:\(i)/\(initCount)"
            }
            initializing = true
            break
        }
        if !initializing {
            st.restarts = 0
            st.lastRestart = nil
            var hasRunning = false
            for c in (o[path: ["status", "containerStatuses"]]?.items ?? []).reversed() {
                noteRestart(c)
                if let r = c.string(at: "state", "waiting", "reason"), !r.isEmpty {
                    st.reason = r
                } else if let t = c[path: ["state", "terminated"]] {
                    if let r = t.string(at: "reason"), !r.isEmpty {
                        st.reason = r
                    } else if let sig = t["signal"]?.intValue, sig != 0 {
                        st.reason = "Signal:\(sig)"
                    } else {
                        st.reason = "ExitCode:\(t["exitCode"]?.intValue ?? 0)"
                    }
                } else if c["ready"]?.boolValue == true && c[path: ["state", "running"]] != nil {
                    hasRunning = true
                    st.ready += 1
                }
            }
            if st.reason == "Completed" && hasRunning {
                let readyCond = (o[path: ["status", "conditions"]]?.items ?? []).first { $0.string(at: "type") == "Ready" }
                st.reason = readyCond?.string(at: "status") == "True" ? "Running" : "NotReady"
            }
        }
        if o[path: ["metadata", "deletionTimestamp"]] != nil {
            st.reason = o.string(at: "status", "reason") == "NodeLost" ? "Unknown" : "Terminating"
        }
        return st
    }
}
