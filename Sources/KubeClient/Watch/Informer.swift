import KealmModel
import KealmYAML
import Synchronization

/// A change seen by an informer.
public enum InformerChange: Sendable, Hashable {
    case added(YAMLNode)
    case updated(old: YAMLNode, new: YAMLNode)
    case deleted(YAMLNode)
    /// The cache holds the complete state (after the first list and after every relist).
    case synced(resourceVersion: String)
}

/// A local cache of one kind (in one namespace or all): list, then watch, keeping an index by
/// namespace/name and by label, and publishing every change for controllers.
///
/// `start()` runs until `stop()`; `changes` delivers `InformerChange`s in order (buffered);
/// `store` reads the current index. A relist after 410 Gone turns into the minimal set of
/// added/updated/deleted changes.
public final class Informer: Sendable {
    public let gvk: GVK
    public let namespace: String?
    public let labelSelector: String?
    let client: KubeClient
    private let state = Mutex(InformerStore())
    private let synced = Mutex<(Bool, [CheckedContinuation<Void, Never>])>((false, []))
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let lastError = Mutex<KubeError?>(nil)
    /// The changes, in order.
    public let changes: AsyncStream<InformerChange>
    private let sink: AsyncStream<InformerChange>.Continuation

    /// Applied to every object before it is cached or published (e.g. `Informer.stripManagedFields`).
    let transform: (@Sendable (YAMLNode) -> YAMLNode)?

    /// `transform` shapes each object before it is kept: a controller that never reads
    /// `metadata.managedFields` (or `status`) drops them and holds a fraction of the memory.
    public init(client: KubeClient, gvk: GVK, namespace: String? = nil, labelSelector: String? = nil,
        transform: (@Sendable (YAMLNode) -> YAMLNode)? = nil)
    {
        self.client = client
        self.gvk = gvk
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.transform = transform
        (changes, sink) = AsyncStream<InformerChange>.makeStream()
    }

    /// Drops `metadata.managedFields` (as client-go's TransformStripManagedFields): often larger
    /// than the rest of the object, and needed by no reader that only compares specs.
    public static let stripManagedFields: @Sendable (YAMLNode) -> YAMLNode = { o in
        guard o[path: ["metadata", "managedFields"]] != nil else { return o }
        var o = o
        o[path: ["metadata", "managedFields"]] = nil
        return o
    }

    /// A snapshot of the index.
    public var store: InformerStore { state.withLock { $0 } }
    public func get(namespace: String? = nil, name: String) -> YAMLNode? { state.withLock { $0.get(namespace: namespace, name: name) } }
    public func list(namespace: String? = nil, labels: [String: String] = [:]) -> [YAMLNode] {
        state.withLock { $0.list(namespace: namespace, labels: labels) }
    }
    /// The error that stopped the informer, if any.
    public var error: KubeError? { lastError.withLock { $0 } }

    /// Starts listing and watching in a background task.
    public func start() {
        let t = Task { [self] in
            var backoff = 0
            while !Task.isCancelled {
                do throws(KubeError) {
                    let list = try await client.list(gvk, namespace: namespace, options: ListOptions(labelSelector: labelSelector))
                    replace(with: list.items, resourceVersion: list.resourceVersion)
                    backoff = 0
                    var opts = WatchOptions(resourceVersion: list.resourceVersion, labelSelector: labelSelector)
                    opts.maxConsecutiveFailures = 1_000_000
                    try await client.runWatch(gvk, namespace: namespace, options: opts) { apply($0) }
                } catch {
                    if error.kind == .cancelled || Task.isCancelled { break }
                    lastError.withLock { $0 = error }
                    backoff += 1
                    try? await Task.sleep(nanoseconds: UInt64(client.options.retry.delay(
                        afterAttempt: backoff, retryAfter: error.retryAfterSeconds, unit: Double.random(in: 0..<1)) * 1e9))
                }
            }
            sink.finish()
        }
        task.withLock { $0 = t }
    }

    /// Stops the watch and ends `changes`.
    public func stop() {
        task.withLock { $0?.cancel() }
    }

    /// Waits until the first list is in the cache.
    public func waitForSync() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let ready = synced.withLock { s -> Bool in
                if s.0 { return true }
                s.1.append(c)
                return false
            }
            if ready { c.resume() }
        }
    }

    func apply(_ event: WatchEvent) {
        switch event {
        case .added(let o), .modified(let o):
            let o = transform?(o) ?? o
            let old = state.withLock { $0.upsert(o) }
            sink.yield(old.map { .updated(old: $0, new: o) } ?? .added(o))
        case .deleted(let o):
            let o = transform?(o) ?? o
            if let key = InformerStore.key(o), let old = state.withLock({ $0.remove(key: key) }) {
                _ = old
                sink.yield(.deleted(o))
            }
        case .bookmark: break
        case .resync(let items, let rv): replace(with: items, resourceVersion: rv)
        }
    }

    func replace(with items: [YAMLNode], resourceVersion: String) {
        let items = transform.map { t in items.map(t) } ?? items
        let changes: [InformerChange] = state.withLock { s in
            var out: [InformerChange] = []
            var fresh = Set<String>()
            for o in items {
                guard let key = InformerStore.key(o) else { continue }
                fresh.insert(key)
                if let old = s.upsert(o) {
                    if old.string(at: "metadata", "resourceVersion") != o.string(at: "metadata", "resourceVersion") {
                        out.append(.updated(old: old, new: o))
                    }
                } else {
                    out.append(.added(o))
                }
            }
            for key in s.objects.keys where !fresh.contains(key) {
                if let old = s.remove(key: key) { out.append(.deleted(old)) }
            }
            return out
        }
        for c in changes { sink.yield(c) }
        sink.yield(.synced(resourceVersion: resourceVersion))
        let waiters = synced.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.0 = true
            defer { s.1 = [] }
            return s.1
        }
        for w in waiters { w.resume() }
    }
}
