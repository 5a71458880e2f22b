/// `labels:` groups and `commonLabels:`, in kustomize's order: each `labels` group first (on
/// metadata only, or also templates, or also selectors), then `commonLabels` everywhere.
enum LabelTransformer {
    static func applyAll(_ k: Kustomization, config: TransformerConfig, to set: inout ResourceSet, file: String) throws(OverlayError) {
        for group in k.labels {
            var specs = group.fields
            if group.includeSelectors {
                specs.merge(config.commonLabels)
            } else {
                if group.includeTemplates { specs.merge(config.templateLabels) }
                specs.merge([FieldSpec(path: "metadata/labels", create: true)])
            }
            MapFieldTransformer(entries: group.pairs, specs: specs, kind: "LabelTransformer").apply(to: &set, file: file)
        }
        MapFieldTransformer(entries: k.commonLabels, specs: config.commonLabels, kind: "LabelTransformer").apply(to: &set, file: file)
    }
}
