import KealmModel

/// Maps a kind to its resource name (plural, lower case), as OCM's `resourceIdentifier` and
/// orphaning rules need it. Without discovery the name is guessed the way Kubernetes' own
/// guess works (`Ingress` → `ingresses`, `NetworkPolicy` → `networkpolicies`); `known` overrides.
public struct ResourceNamer: Sendable {
    /// Names known from discovery, by group and kind.
    public var known: [GroupKind: String]

    public init(known: [GroupKind: String] = [:]) { self.known = known }

    /// The resource name of a kind.
    public func resource(for gk: GroupKind) -> String {
        if let r = known[gk] { return r }
        let lower = gk.kind.lowercased()
        if let r = Self.irregular[lower] { return r }
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("ch") || lower.hasSuffix("sh") { return lower + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) { return lower.dropLast() + "ies" }
        return lower + "s"
    }

    static let irregular: [String: String] = ["endpoints": "endpoints", "kubevirt": "kubevirts", "cdi": "cdis"]
}
