/// The `Patch` module. See docs/modules.md for its model; filled in by its issue.
public enum PatchModule {
    /// The module's name, for diagnostics.
    public static let name = "Patch"
}
