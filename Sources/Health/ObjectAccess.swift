import KealmYAML

/// One entry of `status.conditions`.
struct Condition {
    var type: String
    var status: String
    var reason: String
    var message: String

    var isTrue: Bool { status == "True" }
    var isFalse: Bool { status == "False" }

    /// `reason: message`, or whichever of them is present.
    var text: String {
        switch (reason.isEmpty, message.isEmpty) {
        case (false, false): "\(reason): \(message)"
        case (false, true): reason
        case (true, false): message
        case (true, true): "\(type) is \(status)"
        }
    }
}

extension YAMLNode {
    /// The conditions at `status.conditions` (or another path), in order.
    func conditions(at path: [String] = ["status", "conditions"]) -> [Condition] {
        (self[path: path]?.items ?? []).compactMap { c in
            guard let type = c.string(at: "type") else { return nil }
            return Condition(type: type, status: c["status"]?.scalar?.value ?? "",
                reason: c.string(at: "reason") ?? "", message: c.string(at: "message") ?? "")
        }
    }

    /// The condition of a type, if present.
    func condition(_ type: String) -> Condition? { conditions().first { $0.type == type } }

    /// An integer at a path; strings holding integers count too.
    func int(_ path: String...) -> Int? {
        guard let n = self[path: path] else { return nil }
        return n.intValue ?? n.scalar.flatMap { Int($0.value) }
    }

    /// A boolean at a path; `"true"` strings count too.
    func bool(_ path: String...) -> Bool? {
        guard let n = self[path: path] else { return nil }
        return n.boolValue ?? n.scalar.flatMap { $0.value == "true" ? true : ($0.value == "false" ? false : nil) }
    }

    /// True when `status.observedGeneration` is present and behind `metadata.generation`.
    var generationNotObserved: Bool {
        guard let gen = int("metadata", "generation"), let observed = int("status", "observedGeneration") else { return false }
        return observed < gen
    }

    /// `kind namespace/name` for messages.
    var displayName: String {
        let name = string(at: "metadata", "name") ?? "?"
        if let ns = string(at: "metadata", "namespace"), !ns.isEmpty { return "\(ns)/\(name)" }
        return name
    }
}
