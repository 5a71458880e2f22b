import Foundation
import Overlay

/// What a cached render is for, apart from its inputs: the repository and path, the engine version and the
/// render options. Entries under one slot are told apart by the inputs they read.
public struct RenderSlot: Hashable, Sendable {
    public var repository: String
    public var path: String
    public var engineVersion: String
    /// The render options, in any stable textual form (e.g. sorted `key=value` pairs).
    public var options: String

    public init(repository: String, path: String, engineVersion: String, options: String = "") {
        self.repository = RepoURL.normalize(repository)
        self.path = path
        self.engineVersion = engineVersion
        self.options = options
    }
}

/// The result of `RenderCache.render`.
public struct CachedRender<Output: Sendable>: Sendable {
    public var output: Output
    /// True when the render closure did not run.
    public var fromCache: Bool
    /// The reads the output depends on.
    public var inputs: RecordedInputs
}

/// A render cache keyed by inputs: while rendering, every read is recorded (path → blob id or entry kind);
/// a later source (a newer commit) that observes the same for every recorded read reuses the output without
/// rendering. Checking costs one tree lookup per recorded read, no file body is read. Bounded by an LRU.
///
/// Generic over the output, and the render is a closure, so the cache knows nothing of the engine.
public final class RenderCache<Output: Sendable>: @unchecked Sendable {
    struct Entry {
        var inputs: RecordedInputs
        var output: Output
        var snapshots: Set<String>
        var lastUsed: UInt64
    }

    private let lock = NSLock()
    private var slots: [RenderSlot: [Entry]] = [:]
    private var tick: UInt64 = 0
    private var count = 0
    /// The most entries kept (all slots together).
    public let capacity: Int
    private let size: (@Sendable (Output) -> Int)?
    private let maxOutputBytes: Int?

    /// - Parameters:
    ///   - capacity: entries kept before the least recently used is dropped.
    ///   - maxOutputBytes: refuse (and do not cache) outputs larger than this, measured by `size`.
    public init(capacity: Int = 1024, maxOutputBytes: Int? = nil, size: (@Sendable (Output) -> Int)? = nil) {
        self.capacity = max(1, capacity)
        self.maxOutputBytes = maxOutputBytes
        self.size = size
    }

    /// Returns the cached output for `slot` when its recorded inputs still hold in `source`, else renders
    /// through a recording wrapper and caches the result. `hard` drops the slot's entries first.
    public func render<Source: ObservableFileSource>(
        _ slot: RenderSlot, source: Source, hard: Bool = false, render: (any FileSource) throws -> Output
    ) throws -> CachedRender<Output> {
        if hard { invalidate(slot) }
        if let hit = lookup(slot, source) { return hit }
        let recorder = RecordingFileSource(source)
        let output = try render(recorder)
        if let size, let maxOutputBytes {
            let bytes = size(output)
            if bytes > maxOutputBytes {
                throw GitSourceError(
                    .invalid, "rendered output is \(bytes) bytes, over the limit of \(maxOutputBytes) bytes",
                    repository: slot.repository, path: slot.path, hint: "split the application or raise the limit")
            }
        }
        let inputs = recorder.inputs
        store(slot, Entry(inputs: inputs, output: output, snapshots: Set([source.snapshotID].compactMap { $0 }), lastUsed: 0))
        return CachedRender(output: output, fromCache: false, inputs: inputs)
    }

    /// Drops every entry of a slot (a hard refresh).
    public func invalidate(_ slot: RenderSlot) {
        lock.lock()
        defer { lock.unlock() }
        count -= slots.removeValue(forKey: slot)?.count ?? 0
    }

    /// Number of entries held.
    public var entryCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    private func lookup<Source: ObservableFileSource>(_ slot: RenderSlot, _ source: Source) -> CachedRender<Output>? {
        lock.lock()
        let candidates = slots[slot] ?? []
        lock.unlock()
        let snapshot = source.snapshotID
        // Most recent first; a known snapshot is a hit without any lookup.
        for entry in candidates.sorted(by: { $0.lastUsed > $1.lastUsed }) {
            let known = snapshot.map { entry.snapshots.contains($0) } ?? false
            guard known || entry.inputs.stillHold(in: source) else { continue }
            touch(slot, entry.inputs, addSnapshot: snapshot)
            return CachedRender(output: entry.output, fromCache: true, inputs: entry.inputs)
        }
        return nil
    }

    private func touch(_ slot: RenderSlot, _ inputs: RecordedInputs, addSnapshot: String?) {
        lock.lock()
        defer { lock.unlock() }
        tick += 1
        guard var entries = slots[slot], let i = entries.firstIndex(where: { $0.inputs == inputs }) else { return }
        entries[i].lastUsed = tick
        if let addSnapshot { entries[i].snapshots.insert(addSnapshot) }
        slots[slot] = entries
    }

    private func store(_ slot: RenderSlot, _ entry: Entry) {
        lock.lock()
        defer { lock.unlock() }
        tick += 1
        var entry = entry
        entry.lastUsed = tick
        var entries = slots[slot] ?? []
        if let i = entries.firstIndex(where: { $0.inputs == entry.inputs }) {
            entries[i] = entry
        } else {
            entries.append(entry)
            count += 1
        }
        slots[slot] = entries
        while count > capacity { evictOldest() }
    }

    private func evictOldest() {
        var oldest: (RenderSlot, Int, UInt64)?
        for (slot, entries) in slots {
            for (i, e) in entries.enumerated() where oldest == nil || e.lastUsed < oldest!.2 {
                oldest = (slot, i, e.lastUsed)
            }
        }
        guard let (slot, i, _) = oldest else { return }
        slots[slot]!.remove(at: i)
        if slots[slot]!.isEmpty { slots[slot] = nil }
        count -= 1
    }
}
