/// Objects annotated `config.kubernetes.io/local-config: "true"` feed the build (replacement
/// sources, vars) but are not part of its output.
enum LocalConfig {
    static let annotation = "config.kubernetes.io/local-config"

    static func drop(_ set: inout ResourceSet) {
        let kept = set.resources.filter { $0.node[path: ["metadata", "annotations", annotation]]?.scalar?.value != "true" }
        if kept.count != set.count { set.replaceAll(kept) }
    }
}
