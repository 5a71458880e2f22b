import KealmModel
import KealmYAML

/// Settings of a drift comparison.
public struct DriftOptions: Sendable {
    /// The field manager Kealm applies with; its `managedFields` entry says what Kealm owns.
    public var manager: String
    /// The Application's `ignoreDifferences`.
    public var ignore: [IgnoreRule]
    /// Compare quantities by value (`1Gi` = `1024Mi`). Default true.
    public var normalizeQuantities: Bool

    public init(manager: String = "kealm", ignore: [IgnoreRule] = [], normalizeQuantities: Bool = true) {
        self.manager = manager
        self.ignore = ignore
        self.normalizeQuantities = normalizeQuantities
    }
}

/// Compares a desired manifest with the live object on the fields Kealm manages only.
///
/// The compared fields are those present in the desired manifest (so fields the server
/// defaulted and fields other controllers added are never drift), plus the fields Kealm's field
/// manager owns on the live object that the manifest no longer has (an apply would remove them:
/// reported as `unexpected`). Both sides are normalized first (`Normalizer`), then the matching
/// `ignoreDifferences` rules strip their JSON pointers and jq paths, and differences on fields
/// owned by their `managedFieldsManagers` are dropped.
public enum DriftDetector {
    public static func compare(desired: YAMLNode, live: YAMLNode?, options: DriftOptions = DriftOptions()) -> ResourceDrift {
        let name = ObjectRef(object: desired)?.description ?? "object"
        guard let live else {
            return ResourceDrift(resource: name, liveMissing: true, differences: [], text: "--- live \(name)\n+++ desired \(name)\n(live object does not exist)\n")
        }
        let gvk = GVK(apiVersion: desired.string(at: "apiVersion") ?? "", kind: desired.string(at: "kind") ?? "")
        let rules = options.ignore.filter {
            $0.matches(group: gvk.group, kind: gvk.kind, namespace: desired.string(at: "metadata", "namespace") ?? "",
                name: desired.string(at: "metadata", "name") ?? "")
        }
        var d = Normalizer.normalize(desired)
        var l = Normalizer.normalize(live)
        for r in rules {
            d = r.strip(d)
            l = r.strip(l)
        }
        var walker = Walker(quantities: options.normalizeQuantities)
        walker.diff(d, l, path: [], field: nil)
        let entries = ManagedFieldsEntry.read(live)
        if let mine = ManagedFieldsEntry.union(entries, managers: [options.manager]) {
            walker.unexpected(mine, d, l, path: [])
        }
        var differences = walker.out
        let ignoredManagers = Set(rules.flatMap(\.managedFieldsManagers))
        if !ignoredManagers.isEmpty, let theirs = ManagedFieldsEntry.union(entries, managers: ignoredManagers) {
            differences.removeAll { theirs.owns($0.path, in: l) }
        }
        let text = TextDiff.render(resource: name, desired: d, live: walker.project(l, onto: d, field: nil),
            unexpected: differences.filter { $0.kind == .unexpected })
        return ResourceDrift(resource: name, liveMissing: false, differences: differences, text: differences.isEmpty ? "" : text)
    }
}

/// The recursive comparison.
struct Walker {
    var quantities: Bool
    var out: [FieldDifference] = []

    func equal(_ a: YAMLNode, _ b: YAMLNode) -> Bool { ValueEquality.equal(a, b, quantities: quantities) }

    mutating func diff(_ d: YAMLNode, _ l: YAMLNode?, path: [PathStep], field: String?) {
        guard let l else {
            if !d.isNull { out.append(FieldDifference(path: path, kind: .missing, desired: d, live: nil)) }
            return
        }
        switch d {
        case .scalar:
            if !equal(d, l) { out.append(FieldDifference(path: path, kind: .changed, desired: d, live: l)) }
        case .mapping(let pairs):
            guard l.pairs != nil else { out.append(FieldDifference(path: path, kind: .changed, desired: d, live: l)); return }
            for p in pairs { diff(p.value, l[p.key.value], path: path + [.field(p.key.value)], field: p.key.value) }
        case .sequence(let items):
            guard let liveItems = l.items else { out.append(FieldDifference(path: path, kind: .changed, desired: d, live: l)); return }
            if field == "finalizers" && path.count == 2 {
                for (i, f) in items.enumerated() where !liveItems.contains(where: { equal($0, f) }) {
                    out.append(FieldDifference(path: path + [.item(-1, label: "\(i)")], kind: .missing, desired: f, live: nil))
                }
            } else if let key = ListKeys.key(field: field, items: items) {
                for item in items {
                    let label = ListKeys.label(item, key: key)
                    if let j = ListKeys.match(item, in: liveItems, key: key) {
                        diff(item, liveItems[j], path: path + [.item(j, label: label)], field: nil)
                    } else {
                        out.append(FieldDifference(path: path + [.item(-1, label: label)], kind: .missing, desired: item, live: nil))
                    }
                }
            } else if items.count != liveItems.count || items.contains(where: { $0.pairs == nil && $0.items == nil }) {
                if !(items.count == liveItems.count && zip(items, liveItems).allSatisfy({ subset($0, $1) })) {
                    out.append(FieldDifference(path: path, kind: .changed, desired: d, live: l))
                }
            } else {
                for (i, item) in items.enumerated() { diff(item, liveItems[i], path: path + [.item(i, label: "\(i)")], field: nil) }
            }
        }
    }

    /// True when every desired field has an equal live value (lists by position).
    func subset(_ d: YAMLNode, _ l: YAMLNode) -> Bool {
        var probe = Walker(quantities: quantities)
        probe.diff(d, l, path: [], field: nil)
        return probe.out.isEmpty
    }

    /// Reports fields Kealm owns on the live object that the desired object no longer has.
    mutating func unexpected(_ owned: FieldSet, _ d: YAMLNode?, _ l: YAMLNode?, path: [PathStep]) {
        guard let l else { return }
        for (element, child) in owned.children {
            switch element {
            case .field(let name):
                guard let lv = l[name] else { continue }
                let dv = d?[name]
                if dv == nil {
                    out.append(FieldDifference(path: path + [.field(name)], kind: .unexpected, desired: nil, live: lv))
                } else if !child.children.isEmpty {
                    unexpected(child, dv, lv, path: path + [.field(name)])
                }
            case .key, .value, .index:
                guard let liveItems = l.items, let i = FieldSet.liveIndex(of: element, in: liveItems) else { continue }
                let item = liveItems[i]
                let desiredItems = d?.items ?? []
                var label = "\(i)"
                let match: YAMLNode?
                switch element {
                case .key(let k):
                    let key = k.keys.sorted()
                    label = ListKeys.label(item, key: key)
                    match = ListKeys.match(item, in: desiredItems, key: key).map { desiredItems[$0] }
                case .value: match = desiredItems.first { equal($0, item) }
                default: match = desiredItems[safe: i]
                }
                if let match {
                    if !child.children.isEmpty { unexpected(child, match, item, path: path + [.item(i, label: label)]) }
                } else {
                    out.append(FieldDifference(path: path + [.item(i, label: label)], kind: .unexpected, desired: nil, live: item))
                }
            }
        }
    }

    /// The live object cut to the desired object's shape, for the text diff. Values equal to the
    /// desired ones are shown as desired (so `1024Mi` does not show against `1Gi`).
    func project(_ l: YAMLNode?, onto d: YAMLNode, field: String?) -> YAMLNode? {
        guard let l else { return nil }
        if equal(d, l) { return d }
        switch d {
        case .scalar: return l
        case .mapping(let pairs):
            guard l.pairs != nil else { return l }
            return .mapping(pairs.compactMap { p in project(l[p.key.value], onto: p.value, field: p.key.value).map { YAMLPair(key: p.key, value: $0) } })
        case .sequence(let items):
            guard let liveItems = l.items else { return l }
            if let key = ListKeys.key(field: field, items: items) {
                return .sequence(items.compactMap { item in ListKeys.match(item, in: liveItems, key: key).flatMap { project(liveItems[$0], onto: item, field: nil) } })
            }
            guard items.count == liveItems.count else { return l }
            return .sequence(zip(items, liveItems).compactMap { project($1, onto: $0, field: nil) })
        }
    }
}
