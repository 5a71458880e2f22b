import KealmYAML

/// A minimal reader of server-side apply's `fieldsV1` (the set of fields one manager owns).
///
/// `fieldsV1` is a tree whose keys are `f:<name>` (a field), `k:<json>` (a list item by its
/// key fields), `v:<json>` (a set item by value), `i:<n>` (a list item by index) and `.` (the
/// item itself). This reader only answers "does this tree own the field at this live path?",
/// and lists the owned leaf paths; the full FieldSet algebra belongs to the `Patch` module.
public struct FieldSet: Sendable, Hashable {
    /// One key of a fieldsV1 tree.
    public enum Element: Sendable, Hashable {
        case field(String)
        /// Key fields and their values (JSON scalars as text).
        case key([String: String])
        /// A set member's value, as compact JSON.
        case value(String)
        case index(Int)
    }

    /// Children by element; a node without children is a leaf (owns the whole value).
    public var children: [Element: FieldSet]
    /// True when the tree has a `.` entry (owns the list item or map itself).
    public var ownsSelf: Bool

    public init(children: [Element: FieldSet] = [:], ownsSelf: Bool = false) {
        self.children = children
        self.ownsSelf = ownsSelf
    }

    /// True when the node owns its whole value.
    public var isLeaf: Bool { children.isEmpty }

    /// Reads a `fieldsV1` mapping; unreadable keys are skipped (an odd entry must not hide the rest).
    public init(fieldsV1 node: YAMLNode) {
        self.init()
        for pair in node.pairs ?? [] {
            let k = pair.key.value
            if k == "." { ownsSelf = true; continue }
            guard k.count > 2, k.dropFirst().first == ":" else { continue }
            let body = String(k.dropFirst(2))
            let element: Element
            switch k.first {
            case "f": element = .field(body)
            case "i":
                guard let n = Int(body) else { continue }
                element = .index(n)
            case "v": element = .value(Self.canonical(body))
            case "k":
                guard let obj = try? JSON.decode(body), let pairs = obj.pairs else { continue }
                var key: [String: String] = [:]
                for p in pairs { key[p.key.value] = p.value.scalar?.value ?? JSON.encode(p.value) }
                element = .key(key)
            default: continue
            }
            children[element] = FieldSet(fieldsV1: pair.value)
        }
    }

    static func canonical(_ json: String) -> String {
        guard let n = try? JSON.decode(json) else { return json }
        return JSON.encode(n)
    }

    /// Adds another tree into this one.
    public mutating func formUnion(_ other: FieldSet) {
        ownsSelf = ownsSelf || other.ownsSelf
        for (e, t) in other.children {
            if var mine = children[e] { mine.formUnion(t); children[e] = mine } else { children[e] = t }
        }
    }

    /// True when this tree owns the value at `path` in `live` (or a prefix of it, or is a leaf above it).
    public func owns(_ path: [PathStep], in live: YAMLNode) -> Bool {
        var tree = self
        var node: YAMLNode? = live
        for step in path {
            // A whole-value leaf owns everything below it; a bare `.` owns only the item's presence.
            if tree.children.isEmpty { return !tree.ownsSelf }
            guard let child = tree.child(for: step, in: node) else { return false }
            tree = child
            node = step.resolve(in: node)
        }
        return true
    }

    /// The child matching one concrete step of a live object.
    func child(for step: PathStep, in parent: YAMLNode?) -> FieldSet? {
        switch step {
        case .field(let name): return children[.field(name)]
        case .item(let i, _):
            guard let items = parent?.items, i >= 0, i < items.count else { return nil }
            return children.first { Self.liveIndex(of: $0.key, in: items) == i }?.value
        }
    }

    /// The position of the live list item an element names, if present.
    static func liveIndex(of element: Element, in items: [YAMLNode]) -> Int? {
        switch element {
        case .field: return nil
        case .index(let n): return n >= 0 && n < items.count ? n : nil
        case .value(let v): return items.firstIndex { JSON.encode($0) == v }
        case .key(let key): return items.firstIndex { item in key.allSatisfy { item[$0.key]?.scalar?.value == $0.value } }
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
