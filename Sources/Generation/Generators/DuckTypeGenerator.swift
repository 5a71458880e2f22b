import KealmModel
import KealmYAML

/// The `clusterDecisionResource` generator. A ConfigMap (`configMapRef`) names the resource
/// (`apiVersion`, `kind` as the plural resource, `statusListKey`, `matchKey`); every item of
/// `status.<statusListKey>` of the resources chosen by `name` or `labelSelector` whose
/// `<matchKey>` names a known Argo CD cluster yields `name`, `server`, the item's own keys, and
/// `values`. With OCM's `acm-placement` ConfigMap these are PlacementDecisions' `clusterName`s.
struct DuckTypeGenerator {
    let engine: GeneratorEngine

    func generate(_ spec: YAMLNode, field: String) throws(GenerationError) -> [Params] {
        let inputs = engine.inputs
        guard let cmName = spec["configMapRef"]?.string, !cmName.isEmpty else {
            throw engine.fail("\(field).configMapRef", "a clusterDecisionResource generator needs configMapRef")
        }
        let inNamespace = { (o: YAMLNode) -> Bool in
            inputs.controllerNamespace.map { (o.string(at: "metadata", "namespace") ?? "") == $0 } ?? true
        }
        guard let cm = inputs.objects.first(where: {
            $0.string(at: "kind") == "ConfigMap" && $0.string(at: "metadata", "name") == cmName && inNamespace($0)
        }) else {
            throw engine.fail("\(field).configMapRef", "error reading configMapRef: configmaps \"\(cmName)\" not found", .unavailable)
        }
        let data = cm.stringMap(at: ["data"])
        let apiVersion = data["apiVersion"] ?? ""
        let kind = data["kind"] ?? ""
        if kind.isEmpty || !apiVersion.contains("/") || apiVersion.hasPrefix("/") {
            throw engine.fail(field, "there is a problem with the apiVersion, kind or resourceName provided")
        }
        let resourceName = spec["name"]?.string ?? ""
        let selectorNode = spec["labelSelector"]
        let hasSelector = selectorNode?["matchLabels"] != nil || selectorNode?["matchExpressions"] != nil
        if (resourceName.isEmpty && !hasSelector) || (!resourceName.isEmpty && hasSelector) {
            throw engine.fail(field, "there is a problem with the definition of the ClusterDecisionResource generator")
        }
        var selector = LabelSelector()
        if hasSelector, let selectorNode {
            do { selector = try LabelSelector(node: selectorNode) } catch { throw engine.fail("\(field).labelSelector", error.description) }
        }
        let resources = inputs.objects.filter { o in
            guard o.string(at: "apiVersion") == apiVersion, Self.kindMatches(o.string(at: "kind") ?? "", kind), inNamespace(o) else {
                return false
            }
            return resourceName.isEmpty ? selector.matches(o.labels) : o.string(at: "metadata", "name") == resourceName
        }.sorted { ($0.string(at: "metadata", "name") ?? "") < ($1.string(at: "metadata", "name") ?? "") }
        if resources.isEmpty { throw engine.fail(field, "no clusterDecisionResources found", .unavailable) }
        let listKey = (data["statusListKey"] ?? "").isEmpty ? "clusters" : data["statusListKey"]!
        guard let matchKey = data["matchKey"], !matchKey.isEmpty else { return [] }

        var clusters = inputs.clusterSecrets
        if !clusters.contains(where: { $0.server == ClusterSecret.inCluster.server }) { clusters.append(.inCluster) }
        var out: [Params] = []
        for r in resources {
            for item in r[path: ["status", listKey]]?.items ?? [] {
                guard let pairs = item.pairs, let match = item[matchKey]?.scalar?.value, !match.isEmpty,
                    let cluster = clusters.first(where: { $0.name == match })
                else { continue }
                var params: Params = ["name": .string(cluster.name), "server": .string(cluster.server)]
                for p in pairs { params[p.key.value] = .string(TemplateValue(p.value).goString) }
                try engine.addValues(spec["values"]?.pairs ?? [], to: &params, field: field, templated: false)
                out.append(params)
            }
        }
        return out
    }

    /// The ConfigMap's `kind` is the plural resource name (`placementdecisions`); accept the Kind too.
    static func kindMatches(_ objectKind: String, _ resource: String) -> Bool {
        let k = objectKind.lowercased()
        let r = resource.lowercased()
        return r == k || r == k + "s" || r == k + "es"
    }
}
