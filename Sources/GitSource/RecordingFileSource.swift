import Foundation
import Overlay

/// The inputs one render read: every (read → observation), e.g. `read(/app/kustomization.yaml) → blob id`,
/// `entry(/app/kustomization.yml) → absent`. Two sources that observe the same inputs render the same output.
public struct RecordedInputs: Sendable, Hashable, Codable {
    public var observations: [SourceRead: Observation]

    public init(_ observations: [SourceRead: Observation] = [:]) { self.observations = observations }

    /// True when `source` still observes exactly what was recorded (no file body is read).
    public func stillHold(in source: some ObservableFileSource) -> Bool {
        observations.allSatisfy { source.observe($0.key) == $0.value }
    }

    /// The reads in a stable order, for keys and diagnostics.
    public var sortedReads: [SourceRead] { observations.keys.sorted() }
}

/// Wraps an observable source and records every read the engine makes through it, for the render cache.
public final class RecordingFileSource<Base: ObservableFileSource>: FileSource, @unchecked Sendable {
    /// The wrapped source.
    public let base: Base
    private let lock = NSLock()
    private var recorded: [SourceRead: Observation] = [:]

    public init(_ base: Base) { self.base = base }

    /// What was read so far.
    public var inputs: RecordedInputs {
        lock.lock()
        defer { lock.unlock() }
        return RecordedInputs(recorded)
    }

    public func entry(at path: String) throws -> FileEntry? {
        note(.entry(path))
        return try base.entry(at: path)
    }

    public func read(_ path: String) throws -> [UInt8] {
        note(.read(path))
        return try base.read(path)
    }

    public func list(_ directory: String) throws -> [String] {
        note(.list(directory))
        return try base.list(directory)
    }

    private func note(_ input: SourceRead) {
        lock.lock()
        let seen = recorded[input] != nil
        lock.unlock()
        guard !seen else { return }
        let observation = base.observe(input)
        lock.lock()
        recorded[input] = observation
        lock.unlock()
    }
}
