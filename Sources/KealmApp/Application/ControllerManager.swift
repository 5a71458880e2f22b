/// A controller the `kealm controller` process runs against a hub. The application controller is
/// one; the placement and ApplicationSet controllers register here the same way.
public protocol HubController: Sendable {
    /// A short name for logs (`application`, `placement`, `applicationset`).
    var name: String { get }
    /// Runs until the task is cancelled.
    func run() async throws
}

/// Runs a set of controllers side by side; the first one to fail stops the others.
public struct ControllerManager: Sendable {
    public var controllers: [any HubController]

    public init(_ controllers: [any HubController] = []) { self.controllers = controllers }

    /// Adds a controller.
    public mutating func register(_ controller: any HubController) { controllers.append(controller) }

    /// Runs every controller until cancellation or the first error.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in controllers { group.addTask { try await c.run() } }
            try await group.next()
            group.cancelAll()
        }
    }
}
