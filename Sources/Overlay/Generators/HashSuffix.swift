import KealmYAML
import KealmModel

/// The content hash kustomize appends to generated ConfigMap and Secret names
/// (`name-<10 chars>`), computed on the final object at the top of the build.
enum HashSuffix {
    static func apply(to set: inout ResourceSet) throws(OverlayError) {
        guard set.resources.contains(where: \.needsHash) else { return }
        set.updateEach { r in
            guard r.needsHash else { return }
            let h = hash(r.node)
            r.rememberID()
            r.setName(r.name + "-" + h)
            r.needsHash = false
        }
    }

    /// The suffix for an object. kustomize looks the name up as one key literally called
    /// `metadata/name`, which never exists, so the name always hashes as the empty string.
    static func hash(_ node: YAMLNode) -> String {
        let kind = node.string(at: "kind") ?? ""
        var m: [YAMLPair] = []
        func value(_ path: [String]) -> YAMLNode {
            guard let v = node[path: path] else { return .scalar(YAMLScalar("", style: .doubleQuoted)) }
            if case .scalar(let s) = v { return .scalar(YAMLScalar(s.value, style: .doubleQuoted)) }
            return v
        }
        switch kind {
        case "ConfigMap":
            m = [YAMLPair("kind", .string("ConfigMap")), YAMLPair("name", value(["metadata/name"])), YAMLPair("data", value(["data"]))]
            if node["binaryData"]?.pairs != nil { m.append(YAMLPair("binaryData", value(["binaryData"]))) }
        case "Secret":
            m = [YAMLPair("kind", .string("Secret")), YAMLPair("type", value(["type"])),
                YAMLPair("name", value(["metadata/name"])), YAMLPair("data", value(["data"]))]
            if node["stringData"]?.pairs != nil { m.append(YAMLPair("stringData", value(["stringData"]))) }
        default:
            return encode(SHA256.hexDigest(Array(GoJSON.encode(node).utf8)))
        }
        return encode(SHA256.hexDigest(Array(GoJSON.encode(.mapping(m)).utf8)))
    }

    /// The first ten hex digits with 0, 1, 3, a, e replaced (so the suffix never reads as a number).
    static func encode(_ hex: String) -> String {
        String(hex.prefix(10).map { c -> Character in
            switch c {
            case "0": return "g"
            case "1": return "h"
            case "3": return "k"
            case "a": return "m"
            case "e": return "t"
            default: return c
            }
        })
    }
}
