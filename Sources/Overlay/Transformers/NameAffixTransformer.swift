import KealmModel
import KealmYAML

/// `namePrefix:` / `nameSuffix:` — adds the affix to `metadata.name` (and any custom name
/// field specs), except on CRDs, APIServices and Namespaces.
struct NameAffixTransformer {
    let affix: String
    let isPrefix: Bool
    let specs: [FieldSpec]

    static func skipped(_ gvk: GVK) -> Bool {
        gvk.kind == "CustomResourceDefinition" || gvk.kind == "Namespace"
            || (gvk.kind == "APIService" && gvk.group == "apiregistration.k8s.io")
    }

    func apply(to set: inout ResourceSet, file: String) throws(OverlayError) {
        let kind = isPrefix ? "PrefixTransformer" : "SuffixTransformer"
        set.updateEach { r in
            let gvk = r.originalID.gvk
            if Self.skipped(gvk) { return }
            var touched = false
            for spec in specs where spec.applies(to: gvk) {
                if spec.path == ["metadata", "name"] {
                    r.rememberID()
                    if isPrefix { r.prefixes.append(affix) } else { r.suffixes.append(affix) }
                }
                FieldWalker.visit(&r.node, spec.path[...], create: false) { v in
                    guard let s = v?.scalar else { return }
                    v = .string(isPrefix ? affix + s.value : s.value + affix)
                    touched = true
                }
            }
        }
    }
}
