import KealmYAML

/// What the controller compares the live ManifestWorks with to see hub-side drift: the works as it
/// last wrote them, kept as JSON text by name (compact: one string per work, decoded only when a
/// rewrite is needed).
public enum HubDriftReference {
    /// The works to remember after a write.
    public static func remember(_ works: [YAMLNode]) -> [String: String] {
        var out: [String: String] = [:]
        for w in works {
            guard let name = w.string(at: "metadata", "name") else { continue }
            out[name] = JSON.encode(w)
        }
        return out
    }

    /// The remembered works, by name.
    public static func works(_ remembered: [String: String]) throws -> [YAMLNode] {
        try remembered.sorted { $0.key < $1.key }.map { try JSON.decode($0.value) }
    }

    /// True when a live work is missing, extra, or its spec differs from the expected one.
    public static func differs(expected: [YAMLNode], live: [YAMLNode]) -> Bool {
        ApplicationSteps.fingerprint(expected) != ApplicationSteps.fingerprint(live)
    }
}
