/// A semantic version as OCM's `versionIsGreaterThan`/`versionIsLessThan` read it:
/// `MAJOR.MINOR.PATCH`, an optional `v` prefix, an optional `-pre.release` and `+build`
/// (ignored when comparing), ordered by semver precedence.
struct CELVersion: Comparable, Sendable {
    var core: [Int]
    var prerelease: [String]

    init(_ text: String) throws(CELError) {
        var s = Substring(text)
        if s.hasPrefix("v") { s = s.dropFirst() }
        if let plus = s.firstIndex(of: "+") { s = s[..<plus] }
        var pre: [String] = []
        if let dash = s.firstIndex(of: "-") {
            pre = s[s.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !pre.contains(where: \.isEmpty) else { throw CELError("'\(text)' is not a semantic version: empty pre-release part") }
            s = s[..<dash]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw CELError("'\(text)' is not a semantic version (MAJOR.MINOR.PATCH)") }
        var core: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy(\.isASCII), let n = Int(p), n >= 0 else {
                throw CELError("'\(text)' is not a semantic version: '\(p)' is not a number")
            }
            core.append(n)
        }
        self.core = core
        prerelease = pre
    }

    static func < (a: CELVersion, b: CELVersion) -> Bool {
        if a.core != b.core { return a.core.lexicographicallyPrecedes(b.core) }
        // A version with a pre-release sorts before the same version without one.
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, true), (true, false): return false
        case (false, true): return true
        case (false, false): break
        }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            switch (Int(x), Int(y)) {
            case (let i?, let j?): return i < j
            case (.some, nil): return true  // numeric identifiers sort before alphanumeric ones
            case (nil, .some): return false
            case (nil, nil): return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }
}

extension CELProgram {
    /// `versionIsGreaterThan`, `versionIsLessThan`, `quantityIsGreaterThan`, `quantityIsLessThan`.
    static func compare(_ name: String, _ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
        guard case .string(let x) = a, case .string(let y) = b else { throw CELError("\(name) needs two strings") }
        if name.hasPrefix("version") {
            let (l, r) = (try CELVersion(x), try CELVersion(y))
            return .bool(name == "versionIsGreaterThan" ? l > r : l < r)
        }
        guard let l = Quantity.parse(x), let r = Quantity.parse(y) else { throw CELError("\(name): '\(x)' or '\(y)' is not a quantity") }
        return .bool(name == "quantityIsGreaterThan" ? l > r : l < r)
    }
}
