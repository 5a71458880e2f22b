import Foundation
import KealmYAML

/// Parsed Go templates by source text, shared by the renders of one generation run.
final class GoTemplateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var templates: [String: GoTemplate] = [:]

    func template(_ text: String, options: [String]) throws(TemplateError) -> GoTemplate {
        lock.lock()
        let hit = templates[text]
        lock.unlock()
        if let hit { return hit }
        let t = try GoTemplate(text, options: options)
        lock.lock()
        templates[text] = t
        lock.unlock()
        return t
    }
}

/// Renders every string scalar and mapping key of a YAML tree with one parameter set, in the
/// ApplicationSet's template syntax. Non-string scalars (numbers, booleans) are left alone.
public struct NodeRenderer: Sendable {
    public let goTemplate: Bool
    public let options: [String]
    let cache = GoTemplateCache()

    public init(goTemplate: Bool, options: [String] = []) {
        self.goTemplate = goTemplate
        self.options = options
    }

    /// Renders one string.
    public func render(_ text: String, _ params: Params) throws(TemplateError) -> String {
        guard goTemplate else { return FastTemplate.render(text, params) }
        guard text.hasTemplateMarker else { return text }
        return try cache.template(text, options: options).execute(.map(params))
    }

    /// Renders a tree.
    public func render(_ node: YAMLNode, _ params: Params) throws(TemplateError) -> YAMLNode {
        switch node {
        case .scalar(let s):
            guard s.value.hasTemplateMarker, ScalarResolver.resolve(s) == .string else { return node }
            let out = try render(s.value, params)
            return s.style == .plain ? .string(out) : .scalar(YAMLScalar(out, tag: s.tag, style: s.style))
        case .sequence(let items):
            var out: [YAMLNode] = []
            out.reserveCapacity(items.count)
            for i in items { out.append(try render(i, params)) }
            return .sequence(out)
        case .mapping(let pairs):
            var out: [YAMLPair] = []
            out.reserveCapacity(pairs.count)
            for p in pairs {
                var key = p.key
                if key.value.hasTemplateMarker { key = YAMLScalar(try render(key.value, params)) }
                out.append(YAMLPair(key: key, value: try render(p.value, params)))
            }
            return .mapping(out)
        }
    }
}

extension YAMLNode {
    /// A deep merge where `self` wins: mappings merge key by key, anything else in `self`
    /// that is not empty replaces `base` (mergo's default merge, as Argo CD merges generator templates).
    func filled(from base: YAMLNode) -> YAMLNode {
        guard case .mapping(var mine) = self, case .mapping(let theirs) = base else {
            return isEmptyValue ? base : self
        }
        for p in theirs {
            if let i = mine.firstIndex(where: { $0.key.value == p.key.value }) {
                mine[i].value = mine[i].value.filled(from: p.value)
            } else {
                mine.append(p)
            }
        }
        return .mapping(mine)
    }

    /// A deep merge where `patch` wins: mappings merge key by key, other values are replaced
    /// (how `templatePatch` is applied; lists are replaced whole).
    func patched(with patch: YAMLNode) -> YAMLNode {
        guard case .mapping(var mine) = self, case .mapping(let theirs) = patch else { return patch }
        for p in theirs {
            if let i = mine.firstIndex(where: { $0.key.value == p.key.value }) {
                mine[i].value = p.value.isNull ? .null : mine[i].value.patched(with: p.value)
            } else {
                mine.append(p)
            }
        }
        return .mapping(mine.filter { !$0.value.isNull })
    }

    var isEmptyValue: Bool {
        switch self {
        case .scalar(let s): return ScalarResolver.resolve(s) == .null || (s.value.isEmpty && ScalarResolver.resolve(s) == .string)
        case .sequence(let i): return i.isEmpty
        case .mapping(let p): return p.isEmpty
        }
    }
}
