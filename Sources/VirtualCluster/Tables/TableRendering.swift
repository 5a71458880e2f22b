import KealmYAML

/// A request for `meta.k8s.io` Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
/// as `kubectl get` sends), rendered with the resource's printer.
struct TableRendering: Sendable {
    /// `meta.k8s.io/v1` or `meta.k8s.io/v1beta1`.
    var apiVersion: String
    /// `None`, `Metadata` (the default: PartialObjectMetadata) or `Object`: what each row's `object` holds.
    var includeObject: String
    var printer: TablePrinter
    /// Seconds since 1970, for the AGE columns.
    var now: Double

    /// The Table request of an HTTP request, or nil when the client did not ask for a Table.
    /// The first media range that names a Table version the server serves wins; a plain JSON range
    /// listed before any Table range means plain JSON.
    init?(_ req: APIRequest, printer: TablePrinter, now: Double) {
        var found: String?
        for range in req.accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { String($0).trimmingCharacters(in: " ") }
            var params: [String: String] = [:]
            for p in parts.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { params[kv[0]] = kv[1] }
            }
            if params["as"] == "Table" {
                if params["g"] == "meta.k8s.io", let v = params["v"], v == "v1" || v == "v1beta1" {
                    found = "meta.k8s.io/\(v)"
                    break
                }
                continue
            }
            if params["as"] == nil && (parts.first == "application/json" || parts.first == "*/*") { break }
        }
        guard let found else { return nil }
        apiVersion = found
        let inc = req.query["includeObject"] ?? "Metadata"
        includeObject = ["None", "Metadata", "Object"].contains(inc) ? inc : "Metadata"
        self.printer = printer
        self.now = now
    }

    /// A Table of the given objects, with the list metadata given as encoded JSON pairs.
    /// `columns: false` leaves out `columnDefinitions` (watch events after the first).
    /// `texts`, when given, are the objects' stored JSON (same order), whose `metadata` text is reused.
    func table(_ objects: [YAMLNode], texts: [String]? = nil, metadata: [(String, String)], columns: Bool = true) -> String {
        var out = "{\"kind\":\"Table\",\"apiVersion\":\(JSONText.str(apiVersion)),\"metadata\":\(JSONText.object(metadata)),"
        out += "\"columnDefinitions\":" + (columns ? JSONText.array(printer.columns.map(\.json)) : "null") + ",\"rows\":["
        for (i, o) in objects.enumerated() {
            if i > 0 { out += "," }
            out += row(o, text: texts?[i])
        }
        out += "]}"
        return out
    }

    /// One row: its cells and the object as `includeObject` asks.
    func row(_ o: YAMLNode, text: String? = nil) -> String {
        let cells = printer.cells(o, now)
        var out = "{\"cells\":[" + cells.map(\.json).joined(separator: ",") + "]"
        switch includeObject {
        case "None": break
        case "Object": out += ",\"object\":" + JSON.encode(o)
        default:
            out += ",\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\(JSONText.str(apiVersion)),\"metadata\":"
            if let text, let meta = JSONMemberSpan.value(of: "metadata", in: text) {
                out += meta + "}"
            } else {
                out += JSON.encode(o["metadata"] ?? .emptyMapping) + "}"
            }
        }
        return out + "}"
    }
}
