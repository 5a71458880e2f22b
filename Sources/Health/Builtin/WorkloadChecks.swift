import KealmYAML

/// Deployment, StatefulSet, DaemonSet and ReplicaSet: rollouts observed, updated and available.
enum WorkloadChecks {
    static func deployment(_ o: YAMLNode) -> HealthAssessment? {
        if o.bool("spec", "paused") == true { return HealthAssessment(.suspended, "Deployment is paused") }
        if o.generationNotObserved || (o.int("metadata", "generation") != nil && o.int("status", "observedGeneration") == nil) {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: observed deployment generation less than desired generation")
        }
        if let p = o.condition("Progressing"), p.reason == "ProgressDeadlineExceeded" {
            return HealthAssessment(.degraded, "Deployment \"\(o.string(at: "metadata", "name") ?? "")\" exceeded its progress deadline")
        }
        let desired = o.int("spec", "replicas") ?? 1
        let replicas = o.int("status", "replicas") ?? 0
        let updated = o.int("status", "updatedReplicas") ?? 0
        let available = o.int("status", "availableReplicas") ?? 0
        if updated < desired {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: \(updated) out of \(desired) new replicas have been updated...")
        }
        if replicas > updated {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: \(replicas - updated) old replicas are pending termination...")
        }
        if available < updated {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: \(available) of \(updated) updated replicas are available...")
        }
        return HealthAssessment(.healthy, "\(available)/\(desired) available")
    }

    static func statefulSet(_ o: YAMLNode) -> HealthAssessment? {
        let observed = o.int("status", "observedGeneration") ?? 0
        if observed == 0 || o.generationNotObserved {
            return HealthAssessment(.progressing, "Waiting for statefulset spec update to be observed...")
        }
        let desired = o.int("spec", "replicas") ?? 1
        let ready = o.int("status", "readyReplicas") ?? 0
        let updated = o.int("status", "updatedReplicas") ?? 0
        let strategy = o.string(at: "spec", "updateStrategy", "type") ?? "RollingUpdate"
        if strategy == "RollingUpdate", let partition = o.int("spec", "updateStrategy", "rollingUpdate", "partition"), partition > 0 {
            let expected = max(desired - partition, 0)
            if updated < expected {
                return HealthAssessment(.progressing, "Waiting for partitioned roll out to finish: \(updated) out of \(expected) new pods have been updated...")
            }
            return HealthAssessment(.healthy, "partitioned roll out complete: \(updated) new pods have been updated...")
        }
        if ready < desired { return HealthAssessment(.progressing, "Waiting for \(desired - ready) pods to be ready...") }
        if strategy == "OnDelete" { return HealthAssessment(.healthy, "statefulset has \(ready) ready pods") }
        let current = o.string(at: "status", "currentRevision") ?? ""
        let update = o.string(at: "status", "updateRevision") ?? ""
        if !update.isEmpty && current != update {
            return HealthAssessment(.progressing, "waiting for statefulset rolling update to complete \(updated) pods at revision \(update)...")
        }
        return HealthAssessment(.healthy, "statefulset rolling update complete \(ready) pods at revision \(current)...")
    }

    static func daemonSet(_ o: YAMLNode) -> HealthAssessment? {
        if o.generationNotObserved || o.int("status", "observedGeneration") == nil {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: observed daemon set generation less than desired generation")
        }
        if o.string(at: "spec", "updateStrategy", "type") == "OnDelete" {
            return HealthAssessment(.healthy, "daemon set uses the OnDelete strategy")
        }
        let desired = o.int("status", "desiredNumberScheduled") ?? 0
        let updated = o.int("status", "updatedNumberScheduled") ?? 0
        let available = o.int("status", "numberAvailable") ?? 0
        let name = o.string(at: "metadata", "name") ?? ""
        if updated < desired {
            return HealthAssessment(.progressing, "Waiting for daemon set \"\(name)\" rollout to finish: \(updated) out of \(desired) new pods have been updated...")
        }
        if available < desired {
            return HealthAssessment(.progressing, "Waiting for daemon set \"\(name)\" rollout to finish: \(available) of \(desired) updated pods are available...")
        }
        return HealthAssessment(.healthy, "\(available)/\(desired) available")
    }

    static func replicaSet(_ o: YAMLNode) -> HealthAssessment? {
        if o.generationNotObserved || o.int("status", "observedGeneration") == nil {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: observed replica set generation less than desired generation")
        }
        if let failure = o.condition("ReplicaFailure"), failure.isTrue {
            return HealthAssessment(.degraded, failure.message.isEmpty ? failure.text : failure.message)
        }
        let desired = o.int("spec", "replicas") ?? 1
        let available = o.int("status", "availableReplicas") ?? 0
        if available < desired {
            return HealthAssessment(.progressing, "Waiting for rollout to finish: \(available) out of \(desired) new replicas are available...")
        }
        return HealthAssessment(.healthy, "\(available)/\(desired) available")
    }
}
