import KealmYAML

/// KubeVirt: VirtualMachine, VirtualMachineInstance, DataVolume, and the KubeVirt and CDI operator CRs.
enum KubeVirtChecks {
    /// Follows Argo CD's VirtualMachine semantics: a Paused condition is Suspended; Ready=True is
    /// Healthy ("Running"); not ready but created is Progressing ("Starting"); not created is
    /// Suspended ("Stopped"); no status is Progressing. `status.printableStatus`, when present,
    /// replaces the message.
    static func virtualMachine(_ o: YAMLNode) -> HealthAssessment? {
        guard o["status"]?.pairs != nil else { return HealthAssessment(.progressing, "No status available") }
        var result = HealthAssessment(.progressing, "No status available")
        let conditions = o.conditions()
        if conditions.contains(where: { $0.type == "Paused" && $0.isTrue }) { return HealthAssessment(.suspended, "Paused") }
        if let ready = conditions.first(where: { $0.type == "Ready" }) {
            if ready.isTrue {
                result = HealthAssessment(.healthy, "Running")
            } else if o.bool("status", "created") == true {
                result = HealthAssessment(.progressing, "Starting")
            } else {
                result = HealthAssessment(.suspended, "Stopped")
            }
        }
        if let printable = o.string(at: "status", "printableStatus") { result.message = printable }
        return result
    }

    /// VirtualMachineInstance by phase; a running VMI is Healthy once its Ready condition is True.
    static func virtualMachineInstance(_ o: YAMLNode) -> HealthAssessment? {
        let phase = o.string(at: "status", "phase") ?? ""
        switch phase {
        case "", "Pending", "Scheduling", "Scheduled":
            return HealthAssessment(.progressing, phase.isEmpty ? "No status available" : phase)
        case "Running":
            if let ready = o.condition("Ready"), !ready.isTrue { return HealthAssessment(.progressing, "Running, not ready: \(ready.text)") }
            return HealthAssessment(.healthy, "Running")
        case "Succeeded": return HealthAssessment(.suspended, "Succeeded")
        case "Failed": return HealthAssessment(.degraded, o.condition("Failure")?.text ?? "Failed")
        default: return HealthAssessment(.unknown, phase)
        }
    }

    /// DataVolume by phase: Succeeded is Healthy, Failed Degraded, Paused Suspended, anything else
    /// (import/clone/upload in progress, WaitForFirstConsumer) Progressing with the phase and progress.
    static func dataVolume(_ o: YAMLNode) -> HealthAssessment? {
        let phase = o.string(at: "status", "phase") ?? ""
        let progress = o.string(at: "status", "progress").map { " (\($0))" } ?? ""
        switch phase {
        case "Succeeded": return HealthAssessment(.healthy, "Succeeded")
        case "Failed": return HealthAssessment(.degraded, o.condition("Running")?.text ?? "Failed")
        case "Paused": return HealthAssessment(.suspended, "Paused")
        case "Unknown": return HealthAssessment(.unknown, "Unknown")
        case "": return HealthAssessment(.progressing, "No status available")
        default:
            if let running = o.condition("Running"), running.isFalse, running.reason.contains("Error") || running.reason.contains("Fail") {
                return HealthAssessment(.degraded, running.text)
            }
            return HealthAssessment(.progressing, "\(phase)\(progress)")
        }
    }

    /// The KubeVirt and CDI operator CRs: phase Deployed with Available=True is Healthy; a
    /// Degraded=True condition is Degraded; Deploying (or no status) is Progressing.
    static func operatorCR(_ o: YAMLNode) -> HealthAssessment? {
        let phase = o.string(at: "status", "phase") ?? ""
        let conditions = o.conditions()
        if let d = conditions.first(where: { $0.type == "Degraded" && $0.isTrue }) { return HealthAssessment(.degraded, d.text) }
        if phase == "Error" || phase == "Failed" { return HealthAssessment(.degraded, "phase \(phase)") }
        if phase == "Deleting" { return HealthAssessment(.progressing, "Deleting") }
        let available = conditions.first { $0.type == "Available" }
        if phase == "Deployed" && available?.isFalse != true { return HealthAssessment(.healthy, "Deployed") }
        if available?.isTrue == true && phase.isEmpty { return HealthAssessment(.healthy, available!.text) }
        if let p = conditions.first(where: { $0.type == "Progressing" && $0.isTrue }) {
            return HealthAssessment(.progressing, phase.isEmpty ? p.text : "\(phase): \(p.text)")
        }
        return HealthAssessment(.progressing, phase.isEmpty ? "No status available" : phase)
    }
}
