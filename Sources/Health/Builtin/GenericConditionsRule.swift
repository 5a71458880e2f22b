import KealmYAML

/// The generic rule for kinds without a check, on the conventions most controllers follow
/// (kstatus): `status.observedGeneration` behind `metadata.generation` is Progressing;
/// `Stalled`/`Degraded`/`Failed` True is Degraded; `Reconciling`/`Progressing` True is
/// Progressing; `Ready` (or else `Available`) True is Healthy, False or Unknown Progressing.
/// Returns nil when the object has none of these signals.
public enum GenericConditionsRule {
    /// The generic verdict for an object, or nil when it has none of the signals.
    public static func assess(_ o: YAMLNode) -> HealthAssessment? {
        func result(_ s: HealthStatus, _ m: String) -> HealthAssessment { HealthAssessment(s, m, source: .generic) }
        if o.generationNotObserved {
            return result(.progressing, "waiting for generation \(o.int("metadata", "generation") ?? 0) to be observed (observed \(o.int("status", "observedGeneration") ?? 0))")
        }
        let conditions = o.conditions()
        if let bad = conditions.first(where: { ["Stalled", "Degraded", "Failed", "Failure"].contains($0.type) && $0.isTrue }) {
            return result(.degraded, "\(bad.type): \(bad.text)")
        }
        if let main = conditions.first(where: { $0.type == "Ready" }) ?? conditions.first(where: { $0.type == "Available" }) {
            if main.isTrue { return result(.healthy, main.message.isEmpty ? "\(main.type)" : main.message) }
            return result(.progressing, "\(main.type) is \(main.status.isEmpty ? "Unknown" : main.status): \(main.text)")
        }
        if let busy = conditions.first(where: { ["Reconciling", "Progressing"].contains($0.type) && $0.isTrue }) {
            return result(.progressing, busy.text)
        }
        return nil
    }
}
