/// The legacy discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<g>/<v>`) and `/version`.
enum Discovery {
    /// The Kubernetes version reported; the kubectl dispatcher picks its binary by the minor.
    static let gitVersion = "v1.32.4+kealm"

    static func version() -> String {
        JSONText.object([
            ("major", JSONText.str("1")), ("minor", JSONText.str("32")), ("gitVersion", JSONText.str(gitVersion)),
            ("gitCommit", JSONText.str("kealm")), ("gitTreeState", JSONText.str("clean")),
            ("buildDate", JSONText.str("2026-01-01T00:00:00Z")), ("goVersion", JSONText.str("go1.23.0")),
            ("compiler", JSONText.str("gc")), ("platform", JSONText.str("linux/amd64")),
        ])
    }

    static func apiVersions(serverAddress: String) -> String {
        JSONText.object([
            ("kind", JSONText.str("APIVersions")), ("versions", JSONText.strings(["v1"])),
            ("serverAddressByClientCIDRs", "[" + JSONText.object([
                ("clientCIDR", JSONText.str("0.0.0.0/0")), ("serverAddress", JSONText.str(serverAddress)),
            ]) + "]"),
        ])
    }

    /// Sorts versions the Kubernetes way: GA before beta before alpha, higher numbers first.
    static func sortedVersions(_ vs: [String]) -> [String] {
        func rank(_ v: String) -> (Int, Int, Int) {
            let digits = v.dropFirst().prefix { $0.isNumber }
            let major = Int(digits) ?? 0
            let rest = v.dropFirst(1 + digits.count)
            if rest.isEmpty { return (3, major, 0) }
            let minor = Int(rest.drop { !$0.isNumber }) ?? 0
            if rest.hasPrefix("beta") { return (2, major, minor) }
            if rest.hasPrefix("alpha") { return (1, major, minor) }
            return (0, 0, 0)
        }
        return vs.sorted { rank($0) > rank($1) }
    }

    static func group(_ name: String, _ versions: [String]) -> String {
        let vs = sortedVersions(versions)
        func gv(_ v: String) -> String {
            JSONText.object([("groupVersion", JSONText.str("\(name)/\(v)")), ("version", JSONText.str(v))])
        }
        return JSONText.object([
            ("name", JSONText.str(name)), ("versions", JSONText.array(vs.map(gv))), ("preferredVersion", gv(vs[0])),
        ])
    }

    static func groupList(_ registry: ResourceRegistry) -> String {
        JSONText.object([
            ("kind", JSONText.str("APIGroupList")), ("apiVersion", JSONText.str("v1")),
            ("groups", JSONText.array(registry.groups.map { group($0.group, $0.versions) })),
        ])
    }

    static func apiGroup(_ registry: ResourceRegistry, _ name: String) -> String? {
        guard let g = registry.groups.first(where: { $0.group == name }) else { return nil }
        var obj = group(g.group, g.versions)
        obj.removeFirst()
        return "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\"," + obj
    }

    static func resourceList(_ registry: ResourceRegistry, group: String, version: String) -> String? {
        let rs = registry.all.filter { $0.group == group && $0.version == version }
        if rs.isEmpty { return nil }
        var entries: [String] = []
        for r in rs {
            var pairs: [(String, String)] = [
                ("name", JSONText.str(r.plural)), ("singularName", JSONText.str(r.singular)),
                ("namespaced", r.namespaced ? "true" : "false"), ("kind", JSONText.str(r.kind)),
                ("verbs", JSONText.strings(ResourceInfo.verbs)),
            ]
            if !r.shortNames.isEmpty { pairs.append(("shortNames", JSONText.strings(r.shortNames))) }
            if !r.categories.isEmpty { pairs.append(("categories", JSONText.strings(r.categories))) }
            pairs.append(("storageVersionHash", JSONText.str(String(UInt32(truncatingIfNeeded: r.storageKey.hashValueStable), radix: 36))))
            entries.append(JSONText.object(pairs))
            if r.hasStatus {
                entries.append(JSONText.object([
                    ("name", JSONText.str(r.plural + "/status")), ("singularName", JSONText.str("")),
                    ("namespaced", r.namespaced ? "true" : "false"), ("kind", JSONText.str(r.kind)),
                    ("verbs", JSONText.strings(["get", "patch", "update"])),
                ]))
            }
        }
        return JSONText.object([
            ("kind", JSONText.str("APIResourceList")), ("apiVersion", JSONText.str("v1")),
            ("groupVersion", JSONText.str(group.isEmpty ? version : "\(group)/\(version)")), ("resources", JSONText.array(entries)),
        ])
    }
}

extension String {
    /// FNV-1a over the UTF-8 bytes: stable across runs (unlike `hashValue`).
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return h
    }
}
