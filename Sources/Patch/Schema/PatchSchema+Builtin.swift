extension PatchSchema {
    /// The schema of the built-in Kubernetes kinds, parsed once from `BuiltinSchemaData`.
    public static let builtin: PatchSchema = {
        do {
            return try SchemaText.parse(BuiltinSchemaData.text, origin: "builtin schema")
        } catch {
            fatalError("the built-in patch schema does not parse: \(error)")
        }
    }()
}
