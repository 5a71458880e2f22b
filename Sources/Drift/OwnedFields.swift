import KealmYAML
import Patch

/// The fields some managers own in a live object (from `metadata.managedFields`, read with
/// `Patch.FieldSet`), resolved to concrete places in that object.
struct OwnedFields {
    /// Member paths that resolve in the live object, shortest first, with their place and value.
    var members: [(path: FieldPath, steps: [PathStep], value: YAMLNode)] = []
    /// Places of members that own their whole value (no member below them).
    var leaves: Set<[NodeEdit.Loc]> = []
    /// Places of every member.
    var places: Set<[NodeEdit.Loc]> = []

    var isEmpty: Bool { members.isEmpty }

    /// Reads the union of the managers' entries (main resource only) from `original` and resolves
    /// them in `live` (the normalized object the differences are computed on). An unreadable
    /// managedFields list counts as no ownership.
    init(original: YAMLNode, live: YAMLNode, managers: Set<String>) {
        let entries = ((try? ManagedFieldsEntry.entries(of: original)) ?? []).filter {
            managers.contains($0.manager) && ($0.subresource ?? "").isEmpty
        }
        guard !entries.isEmpty else { return }
        let set = entries.dropFirst().reduce(entries[0].fields) { $0.union($1.fields) }
        var above: Set<FieldPath> = []
        for p in set.paths { for n in 0..<p.elements.count { above.insert(FieldPath(Array(p.elements.prefix(n)))) } }
        for p in set.paths.sorted(by: { $0.elements.count < $1.elements.count || ($0.elements.count == $1.elements.count && $0 < $1) }) {
            guard let (steps, value) = Self.resolve(p, in: live, lenient: false) else { continue }
            members.append((p, steps, value))
            places.insert(Self.locs(steps))
            if !above.contains(p) { leaves.insert(Self.locs(steps)) }
        }
    }

    /// True when the place of `path` (live positions) is owned: it is a member, or lies below a leaf member.
    func owns(_ path: [PathStep]) -> Bool {
        let l = Self.locs(path)
        if l.contains(.index(-1)) { return false }
        if places.contains(l) { return true }
        for n in 0..<l.count where leaves.contains(Array(l.prefix(n))) { return true }
        return false
    }

    static func locs(_ steps: [PathStep]) -> [NodeEdit.Loc] {
        steps.map {
            switch $0 {
            case .field(let f): .key(f)
            case .item(let i, _): .index(i)
            }
        }
    }

    /// The place and value a `fieldsV1` path names in an object. `lenient` matches list items
    /// whose key fields are partly absent (a desired manifest before the server defaults them).
    static func resolve(_ path: FieldPath, in root: YAMLNode, lenient: Bool) -> ([PathStep], YAMLNode)? {
        var node = root
        var steps: [PathStep] = []
        for e in path.elements {
            switch e {
            case .field(let f):
                guard let v = node[f] else { return nil }
                steps.append(.field(f))
                node = v
            case .index(let i):
                guard let items = node.items, i >= 0, i < items.count else { return nil }
                steps.append(.item(i, label: "\(i)"))
                node = items[i]
            case .value(let json):
                guard let items = node.items, let want = try? JSON.decode(json), let i = items.firstIndex(where: { JSON.encode($0) == JSON.encode(want) })
                else { return nil }
                steps.append(.item(i, label: items[i].scalar?.value ?? JSON.encode(items[i])))
                node = items[i]
            case .key(let json):
                guard let items = node.items, let key = (try? JSON.decode(json))?.pairs else { return nil }
                let found = items.firstIndex { item in
                    var matched = 0
                    for p in key {
                        guard let have = item[p.key.value] else {
                            if lenient { continue } else { return false }
                        }
                        if JSON.encode(have) != JSON.encode(p.value) { return false }
                        matched += 1
                    }
                    return matched > 0
                }
                guard let i = found else { return nil }
                steps.append(.item(i, label: key.map { "\($0.key.value)=\($0.value.scalar?.value ?? JSON.encode($0.value))" }.joined(separator: ",")))
                node = items[i]
            }
        }
        return (steps, node)
    }
}
