/// The `Drift` module. See docs/modules.md for its model; filled in by its issue.
public enum DriftModule {
    /// The module's name, for diagnostics.
    public static let name = "Drift"
}
