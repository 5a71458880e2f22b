/// The ordered resources of a build, indexed by current identity so lookups are O(1).
///
/// Order is the depth-first load order (kustomize's "fifo"); the legacy output order is applied
/// at the very end. The index maps kind+name to the positions holding that name, so a lookup
/// touches only the handful of resources sharing it.
public struct ResourceSet: Sendable {
    public private(set) var resources: [Resource] = []
    private var index: [String: [Int]] = [:]
    /// Every id a resource has had (kind and name), for lookups by earlier names.
    private var history: [String: [Int]] = [:]

    public init(_ resources: [Resource] = []) {
        self.resources = resources
        rebuildIndex()
    }

    public var count: Int { resources.count }

    /// Appends a resource; refuses a second object with the same id.
    mutating func append(_ r: Resource, file: String? = nil) throws(OverlayError) {
        if let clash = firstIndex(where: r.id) {
            let other = resources[clash]
            throw OverlayError(.conflict,
                "may not add resource with an already registered id: \(r.id) (already present as \(other.label))",
                file: file, object: r.label, hint: "give the objects different names or namespaces")
        }
        index[r.id.lookupKey, default: []].append(resources.count)
        for id in r.allIDs { history[id.lookupKey, default: []].append(resources.count) }
        resources.append(r)
    }

    mutating func appendAll(_ rs: ResourceSet, file: String? = nil) throws(OverlayError) {
        for r in rs.resources { try append(r, file: file) }
    }

    /// The position of the resource whose current id is the given one.
    func firstIndex(where id: ResID) -> Int? {
        guard let cands = index[id.lookupKey] else { return nil }
        for i in cands where resources[i].id.sameObject(id) { return i }
        return nil
    }

    /// Positions of resources that currently have, or once had, the given id.
    func indices(matchingAny id: ResID) -> [Int] {
        var out: [Int] = []
        for i in Set(history[id.lookupKey] ?? []).sorted() where resources[i].allIDs.contains(where: { $0.sameObject(id) }) {
            out.append(i)
        }
        return out
    }

    /// Positions of resources currently named so, of the given group and kind.
    func indices(group: String, kind: String, name: String) -> [Int] {
        index["\(group)|\(kind)|\(name)"] ?? []
    }

    subscript(i: Int) -> Resource {
        get { resources[i] }
        set {
            let oldKey = resources[i].id.lookupKey
            resources[i] = newValue
            let newKey = newValue.id.lookupKey
            if newKey != oldKey {
                index[oldKey]?.removeAll { $0 == i }
                index[newKey, default: []].append(i)
            }
            for id in newValue.previousIDs where !(history[id.lookupKey]?.contains(i) ?? false) {
                history[id.lookupKey, default: []].append(i)
            }
            if !(history[newKey]?.contains(i) ?? false) { history[newKey, default: []].append(i) }
        }
    }

    mutating func remove(at i: Int) {
        resources.remove(at: i)
        rebuildIndex()
    }

    mutating func replaceAll(_ rs: [Resource]) {
        resources = rs
        rebuildIndex()
    }

    private mutating func rebuildIndex() {
        index.removeAll(keepingCapacity: true)
        history.removeAll(keepingCapacity: true)
        for (i, r) in resources.enumerated() {
            index[r.id.lookupKey, default: []].append(i)
            for id in r.previousIDs { history[id.lookupKey, default: []].append(i) }
            history[r.id.lookupKey, default: []].append(i)
        }
    }

    /// Applies a change to every resource; the index is rebuilt lazily if names change.
    mutating func updateEach(_ body: (inout Resource) throws -> Void) rethrows {
        for i in resources.indices { try body(&resources[i]) }
        rebuildIndex()
    }
}
