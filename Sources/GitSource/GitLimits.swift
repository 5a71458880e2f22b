/// Size limits that keep one repository from exhausting memory or disk. `nil` means no limit.
public struct GitLimits: Sendable, Equatable {
    /// Bytes received by one clone or fetch (the pack size); the transfer is aborted past it.
    public var maxRepositoryBytes: Int?
    /// Size of one file read from a tree.
    public var maxFileBytes: Int?
    /// Size of one rendered output (checked by callers that render, e.g. the render cache).
    public var maxRenderedBytes: Int?

    public init(maxRepositoryBytes: Int? = 2 << 30, maxFileBytes: Int? = 64 << 20, maxRenderedBytes: Int? = 256 << 20) {
        self.maxRepositoryBytes = maxRepositoryBytes
        self.maxFileBytes = maxFileBytes
        self.maxRenderedBytes = maxRenderedBytes
    }

    /// No limits.
    public static let unlimited = GitLimits(maxRepositoryBytes: nil, maxFileBytes: nil, maxRenderedBytes: nil)
}
