/// Mass-deletion safety of ApplicationSets: when generation succeeds but yields no Application
/// while the set owns some (every selected cluster dropped out of a Placement, a list emptied, a
/// git directory generator matching nothing), deleting them all would prune everything they
/// deployed. Kealm holds such deletions until the ApplicationSet carries the annotation
/// `kealm.io/allow-empty: "true"`, and reports why in its status (`ErrorOccurred` and
/// `ResourcesUpToDate=False`, reason `EmptyGenerationHeld`).
///
/// A generator or placement *error* is another case, handled before planning: nothing is written
/// at all (`GenerationError`, and `PlacementHold` for placements whose cluster sets are
/// misconfigured). This hold is for a successful but empty answer.
public enum EmptyGenerationHold {
    /// The annotation that allows an ApplicationSet to delete all its Applications.
    public static let annotation = "kealm.io/allow-empty"
    /// The condition reason while deletions are held.
    public static let reason = "EmptyGenerationHeld"

    /// True when the ApplicationSet allows its generation to drop every Application.
    public static func allows(_ appSet: ApplicationSetSpec) -> Bool {
        appSet.object.annotations[annotation]?.lowercased() == "true"
    }

    /// The status message naming the setting.
    public static func message(_ appSet: ApplicationSetSpec, kept: Int) -> String {
        "the generators produced no Applications (no cluster selected?); the \(kept) existing Application(s) are kept "
            + "instead of deleting everything they deployed; if this is intended, annotate the ApplicationSet with "
            + "\(annotation): \"true\" (kubectl annotate applicationset \(appSet.name) -n \(appSet.namespace) \(annotation)=true)"
    }
}
