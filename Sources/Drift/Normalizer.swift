import Foundation
import KealmYAML

/// Removes what the server owns and nobody should compare: `status`, `metadata.managedFields`,
/// `resourceVersion`, `uid`, `generation`, `creationTimestamp`, `selfLink`, deletion fields, and
/// the `kubectl.kubernetes.io/last-applied-configuration` annotation (an empty annotations map
/// left behind is removed too). A core `Secret`'s `stringData` is folded into `data` in base64,
/// as the API server stores it.
public enum Normalizer {
    /// Metadata fields the server owns.
    public static let serverMetadata = ["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds"]
    /// kubectl's client-side apply record.
    public static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    /// Normalizes an object; annotations and labels whose key starts with one of `prefixes` are dropped too.
    public static func normalize(_ object: YAMLNode, dropping prefixes: [String] = []) -> YAMLNode {
        var o = object
        for field in ["annotations", "labels"] where !prefixes.isEmpty {
            guard let pairs = o[path: ["metadata", field]]?.pairs else { continue }
            let kept = pairs.filter { p in !prefixes.contains { p.key.value.hasPrefix($0) } }
            if kept.count != pairs.count { o[path: ["metadata", field]] = kept.isEmpty ? nil : .mapping(kept) }
        }
        o["status"] = nil
        for f in serverMetadata { o[path: ["metadata", f]] = nil }
        if o[path: ["metadata", "annotations", lastApplied]] != nil {
            o[path: ["metadata", "annotations", lastApplied]] = nil
            if o[path: ["metadata", "annotations"]]?.pairs?.isEmpty == true { o[path: ["metadata", "annotations"]] = nil }
        }
        if o.string(at: "apiVersion") == "v1", o.string(at: "kind") == "Secret", let stringData = o["stringData"]?.pairs {
            var data = o["data"]?.pairs ?? []
            for p in stringData {
                let encoded = YAMLNode.string(Data((p.value.scalar?.value ?? "").utf8).base64EncodedString())
                if let i = data.firstIndex(where: { $0.key.value == p.key.value }) { data[i].value = encoded } else {
                    data.append(YAMLPair(key: p.key, value: encoded))
                }
            }
            o["data"] = .mapping(data)
            o["stringData"] = nil
        }
        return o
    }
}
