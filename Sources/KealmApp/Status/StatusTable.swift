/// Formats `kealm status` rows as an aligned table, with optional terminal colours.
public enum StatusTable {
    /// The columns of the default (`table`) and `wide` outputs.
    static func columns(wide: Bool) -> [(String, (AppStatusRow) -> String)] {
        var cols: [(String, (AppStatusRow) -> String)] = [
            ("APP", { $0.app }), ("CLUSTER", { $0.cluster }), ("ENV", { $0.env ?? "-" }),
            ("REVISION", { $0.shortRevision }), ("SYNC", { $0.sync }), ("HEALTH", { $0.health }),
            ("WAVE", { row in
                guard let w = row.wave else { return "-" }
                return row.totalWaves.map { "\(w)/\($0)" } ?? String(w)
            }),
            ("LAST SYNC", { $0.lastSync ?? "-" }),
        ]
        if wide {
            cols.insert(("APPLICATION", { "\($0.namespace)/\($0.application)" }), at: 1)
            cols.append(("REVERTS", { String($0.driftReverts) }))
        }
        cols.append(("MESSAGE", { $0.message }))
        return cols
    }

    /// The table text, one line per row after a header. `colour` adds ANSI colours to SYNC and HEALTH.
    public static func render(_ rows: [AppStatusRow], wide: Bool = false, colour: Bool = false) -> String {
        let cols = columns(wide: wide)
        let cells = rows.map { row in cols.map { $0.1(row) } }
        var widths = cols.map { $0.0.count }
        for line in cells {
            for (i, c) in line.enumerated() where i < cols.count - 1 { widths[i] = max(widths[i], c.count) }
        }
        func line(_ values: [String], colours: [String?]) -> String {
            var out = ""
            for (i, v) in values.enumerated() {
                let last = i == values.count - 1
                let padded = last ? v : v + String(repeating: " ", count: widths[i] - v.count + 2)
                if let c = colours[i] {
                    out += c + padded + "\u{1B}[0m"
                } else {
                    out += padded
                }
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        var text = line(cols.map { $0.0 }, colours: Array(repeating: nil, count: cols.count)) + "\n"
        for (row, values) in zip(rows, cells) {
            let colours: [String?] = cols.map { col in
                guard colour else { return nil }
                switch col.0 {
                case "SYNC": return row.sync == "Synced" ? "\u{1B}[32m" : "\u{1B}[33m"
                case "HEALTH": return healthColour(row.health)
                default: return nil
                }
            }
            text += line(values, colours: colours) + "\n"
        }
        return text
    }

    static func healthColour(_ health: String) -> String {
        switch health {
        case "Healthy": return "\u{1B}[32m"
        case "Suspended": return "\u{1B}[36m"
        case "Progressing": return "\u{1B}[33m"
        default: return "\u{1B}[31m"
        }
    }
}
