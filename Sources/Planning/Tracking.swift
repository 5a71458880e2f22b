import KealmYAML

/// Kealm's annotations and labels on manifests and ManifestWorks (all under `kealm.io/`).
public enum Tracking {
    /// On each manifest: the effective wave it is applied in.
    public static let waveAnnotation = "kealm.io/sync-wave"
    /// On each manifest: its phase (`PreSync`, `Sync`, `PostSync`, `SyncFail`).
    public static let phaseAnnotation = "kealm.io/sync-phase"
    /// On each manifest: `<app namespace>_<app name>:<group>/<kind>:<namespace>/<name>`, like Argo CD's
    /// annotation tracking, so an object on a cluster names the Application that owns it.
    public static let trackingAnnotation = "kealm.io/tracking-id"
    /// On each ManifestWork: the Application, `namespace/name`.
    public static let applicationAnnotation = "kealm.io/application"
    /// On each ManifestWork: a label with the Application's name, to list its works.
    public static let applicationLabel = "kealm.io/application-name"
    /// On each ManifestWork: the revision the manifests were rendered from.
    public static let revisionAnnotation = "kealm.io/revision"
    /// On each ManifestWork: the index of the step written so far, and the number of steps.
    public static let stepAnnotation = "kealm.io/sync-step"
    /// On each ManifestWork: the number of steps of the plan.
    public static let stepsAnnotation = "kealm.io/sync-steps"
    /// On each ManifestWork: `part/parts` when an Application's manifests need more than one work.
    public static let partAnnotation = "kealm.io/part"

    /// The tracking id of a resource for an Application.
    public static func trackingID(app: String, appNamespace: String, key: ResourceKey) -> String {
        "\(appNamespace.isEmpty ? app : "\(appNamespace)_\(app)"):\(key.trackingForm)"
    }

    /// A manifest with Kealm's wave, phase and tracking annotations set.
    public static func annotate(_ task: SyncTask, app: String, appNamespace: String) -> YAMLNode {
        var object = task.object
        var annotations = object[path: ["metadata", "annotations"]]?.pairs ?? []
        func set(_ k: String, _ v: String) {
            if let i = annotations.firstIndex(where: { $0.key.value == k }) { annotations[i].value = .string(v) } else {
                annotations.append(YAMLPair(key: YAMLScalar(k), value: .string(v)))
            }
        }
        set(waveAnnotation, String(task.wave))
        set(phaseAnnotation, task.phase.rawValue)
        set(trackingAnnotation, trackingID(app: app, appNamespace: appNamespace, key: task.key))
        object[path: ["metadata", "annotations"]] = .mapping(annotations)
        return object
    }
}
