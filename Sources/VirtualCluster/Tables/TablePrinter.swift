import KealmYAML

/// How one resource is shown as a Table: its columns and a function from an object to its cells.
struct TablePrinter: Sendable {
    var columns: [TableColumn]
    /// The cells of one object, seen at `now` (seconds since 1970), one per column.
    var cells: @Sendable (YAMLNode, Double) -> [TableCell]

    /// NAME and AGE: kinds without columns of their own, and custom resources without printer columns.
    static let nameAge = TablePrinter(columns: [.name, .age]) { o, now in [TableRow.name(o), TableRow.age(o, now)] }

    /// NAME and CREATED AT, as the API server shows kinds it has no printer for (CRDs, roles).
    static let nameCreated = TablePrinter(columns: [.name, .createdAt]) { o, _ in
        [TableRow.name(o), o.string(at: "metadata", "creationTimestamp").map { .text($0) } ?? TableCell.none]
    }

    /// The printer of a resource: a CRD's printer columns, a built-in kind's columns, else NAME and AGE.
    static func printer(for r: ResourceInfo, registry: ResourceRegistry) -> TablePrinter {
        if r.isCustom {
            return registry.customDetails(r)?.printer ?? .nameAge
        }
        return BuiltinPrinters.byResource[r.storageKey] ?? .nameAge
    }

    /// The printer of a CRD version's `additionalPrinterColumns` (NAME first, then each column;
    /// none declared gives NAME and AGE, as the CRD defaulting does). Columns whose path is outside
    /// the supported subset show `<none>`.
    static func custom(_ columns: [YAMLNode]) -> TablePrinter {
        if columns.isEmpty { return .nameAge }
        var defs: [TableColumn] = [.name]
        var paths: [(PrinterColumnPath?, String)] = []
        for c in columns {
            let path = c.string(at: "jsonPath") ?? ""
            let type = c.string(at: "type") ?? "string"
            defs.append(TableColumn(name: c.string(at: "name") ?? path, type: type, format: c.string(at: "format") ?? "",
                                    description: c.string(at: "description") ?? "Custom resource definition column (in JSONPath format): \(path)",
                                    priority: c["priority"]?.intValue ?? 0))
            paths.append((PrinterColumnPath(path), type))
        }
        let cols = paths
        return TablePrinter(columns: defs) { o, now in
            [TableRow.name(o)] + cols.map { p, type in p.map { TableCell.of($0.first(in: o), type: type, now: now) } ?? TableCell.none }
        }
    }
}

/// Helpers shared by the printers.
enum TableRow {
    static func name(_ o: YAMLNode) -> TableCell { .text(o.string(at: "metadata", "name") ?? "") }

    static func age(_ o: YAMLNode, _ now: Double) -> TableCell { ageOf(o.string(at: "metadata", "creationTimestamp"), now) }

    /// The age of a timestamp field, `<unknown>` when absent.
    static func ageOf(_ ts: String?, _ now: Double) -> TableCell {
        guard let ts, let t = ServerClock.parse(ts) else { return .text("<unknown>") }
        return .text(HumanAge.since(t, now: now))
    }

    /// A string field, or `fallback` when absent or empty.
    static func text(_ o: YAMLNode, _ path: String..., or fallback: String = "<none>") -> TableCell {
        let v = o[path: path]?.string ?? ""
        return .text(v.isEmpty ? fallback : v)
    }

    /// An integer field (0 when absent, as Go's zero value prints).
    static func int(_ o: YAMLNode, _ path: String...) -> TableCell { .int(o[path: path]?.intValue ?? 0) }

    /// The number of entries of a map or list field.
    static func count(_ o: YAMLNode, _ path: String...) -> Int {
        guard let n = o[path: path] else { return 0 }
        return n.pairs?.count ?? n.items?.count ?? 0
    }

    /// The containers' names and images of a pod spec, comma-joined (the wide CONTAINERS/IMAGES columns).
    static func containers(_ podSpec: YAMLNode?) -> [TableCell] {
        let cs = podSpec?["containers"]?.items ?? []
        return [.text(cs.compactMap { $0.string(at: "name") }.joined(separator: ",")),
                .text(cs.compactMap { $0.string(at: "image") }.joined(separator: ","))]
    }

    /// A label selector (`matchLabels`/`matchExpressions`, or a plain map) in kubectl's form.
    static func selector(_ sel: YAMLNode?) -> TableCell {
        guard let sel, let pairs = sel.pairs else { return .text("<none>") }
        var terms: [String] = []
        let isStructured = sel["matchLabels"] != nil || sel["matchExpressions"] != nil
        let labels = isStructured ? (sel["matchLabels"]?.pairs ?? []) : pairs
        for p in labels.sorted(by: { $0.key.value < $1.key.value }) { terms.append("\(p.key.value)=\(p.value.string ?? "")") }
        for e in sel["matchExpressions"]?.items ?? [] where isStructured {
            let key = e.string(at: "key") ?? ""
            let values = (e["values"]?.items ?? []).compactMap(\.string).joined(separator: ",")
            switch e.string(at: "operator") ?? "" {
            case "In": terms.append("\(key) in (\(values))")
            case "NotIn": terms.append("\(key) notin (\(values))")
            case "Exists": terms.append(key)
            case "DoesNotExist": terms.append("!\(key)")
            default: break
            }
        }
        return .text(terms.isEmpty ? "<none>" : terms.joined(separator: ","))
    }

    /// `ReadWriteOnce` → `RWO` and so on, comma-joined.
    static func accessModes(_ node: YAMLNode?) -> TableCell {
        let short = ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"]
        var seen: [String] = []
        for m in (node?.items ?? []).compactMap(\.string) {
            let s = short[m] ?? m
            if !seen.contains(s) { seen.append(s) }
        }
        return .text(seen.joined(separator: ","))
    }
}
