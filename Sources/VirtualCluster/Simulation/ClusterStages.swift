import KealmYAML

extension LogicalCluster {
    /// Runs the simulation rule matching a freshly written object: at once, or after its delay.
    func runStages(_ st: inout ClusterState, _ r: ResourceInfo, _ node: YAMLNode) {
        guard let engine = stages, let rule = engine.rule(for: node) else { return }
        if rule.delayMillis <= 0 {
            applyStage(&st, r.storageKey, node, rule)
            return
        }
        let ns = node.string(at: "metadata", "namespace") ?? ""
        let name = node.string(at: "metadata", "name") ?? ""
        let key = r.storageKey
        Task { [self] in
            try? await Task.sleep(for: .milliseconds(rule.delayMillis))
            state.withLock { st in
                guard let cur = st.objects[key]?[Self.key(ns, name)]?.node, let rule = engine.rule(for: cur) else { return }
                applyStage(&st, key, cur, rule)
            }
        }
    }

    /// Writes the rule's status when it differs from the object's.
    func applyStage(_ st: inout ClusterState, _ storageKey: String, _ node: YAMLNode, _ rule: StageRule) {
        guard node[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let next = rule.apply(to: node)
        if JSON.encode(next["status"] ?? .null) == JSON.encode(node["status"] ?? .null) { return }
        _ = try? commit(&st, [.put(storageKey, next, created: false)])
    }
}
