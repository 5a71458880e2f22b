import KealmModel
import KealmYAML

/// The pure ApplicationSet reconcile a controller calls: generate, then plan against what exists.
public enum ApplicationSetReconciler {
    /// Generates the set's Applications from `inputs` and plans the writes against `existing`
    /// Applications. A generation failure yields a plan that writes nothing and an error status.
    public static func reconcile(_ appSet: ApplicationSetSpec, inputs: GenerationInputs, existing: [YAMLNode]) -> ApplicationSetPlan {
        let generated: Result<[YAMLNode], GenerationError>
        do {
            generated = .success(try ApplicationGenerator.generate(appSet, inputs: inputs))
        } catch {
            generated = .failure(error)
        }
        return ApplicationSetPlanner.plan(appSet, generated: generated, existing: existing)
    }

    /// What to do when the ApplicationSet itself is being deleted: its Applications go with it
    /// (owner references), and under `preserveResourcesOnDeletion` their resources finalizer is
    /// removed first so the deployed resources stay.
    public static func deletion(_ appSet: ApplicationSetSpec, existing: [YAMLNode]) -> [ApplicationSetPlan.Deletion] {
        existing.filter { ApplicationSetPlanner.isOwned($0, by: appSet) }.map { app in
            let hasFinalizer = (app[path: ["metadata", "finalizers"]]?.items ?? []).contains {
                $0.string == ApplicationSetPlanner.resourcesFinalizer
            }
            return .init(name: app.string(at: "metadata", "name") ?? "", namespace: app.string(at: "metadata", "namespace") ?? "",
                removeFinalizerFirst: appSet.preserveResourcesOnDeletion && hasFinalizer)
        }.sorted { $0.name < $1.name }
    }
}
