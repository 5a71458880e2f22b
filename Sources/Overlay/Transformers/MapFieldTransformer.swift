import KealmYAML

/// Sets key/value entries in the mappings its field specs name: the engine of `commonLabels`,
/// `labels` and `commonAnnotations`.
struct MapFieldTransformer {
    let entries: [(String, String)]
    let specs: [FieldSpec]
    let kind: String

    func apply(to set: inout ResourceSet, file: String) {
        guard !entries.isEmpty else { return }
        set.updateEach { r in
            let gvk = r.gvk
            var touched = false
            for spec in specs where spec.applies(to: gvk) {
                FieldWalker.visit(&r.node, spec.path[...], create: spec.create) { v in
                    if v == nil || v!.isNull {
                        guard spec.create else { return }
                        v = .mapping([])
                    }
                    guard case .mapping(var pairs)? = v else { return }
                    v = nil
                    for (k, val) in entries {
                        if let i = pairs.firstIndex(where: { $0.key.value == k }) {
                            pairs[i].value = .string(val)
                        } else {
                            pairs.append(YAMLPair(k, .string(val)))
                        }
                    }
                    v = .mapping(pairs)
                    touched = true
                }
            }
        }
    }
}
