/// Finds the text of one top-level member of a compact JSON object without decoding it (the
/// Table rows reuse each stored object's `metadata` text instead of encoding it again).
enum JSONMemberSpan {
    /// The JSON text of `key`'s value in the top-level object `json`, or nil.
    static func value(of key: String, in json: String) -> Substring? {
        let u = Array(json.utf8)
        var i = 0
        func skipSpace() { while i < u.count, u[i] == 0x20 || u[i] == 0x0A || u[i] == 0x0D || u[i] == 0x09 { i += 1 } }
        /// Moves past a string starting at `i` (on its opening quote).
        func skipString() {
            i += 1
            while i < u.count {
                if u[i] == 0x5C { i += 2; continue }
                if u[i] == 0x22 { i += 1; return }
                i += 1
            }
        }
        /// Moves past any value starting at `i`.
        func skipValue() {
            skipSpace()
            guard i < u.count else { return }
            if u[i] == 0x22 { skipString(); return }
            if u[i] == 0x7B || u[i] == 0x5B {
                var depth = 0
                while i < u.count {
                    switch u[i] {
                    case 0x22: skipString(); continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 { i += 1; return }
                    default: break
                    }
                    i += 1
                }
                return
            }
            while i < u.count, u[i] != 0x2C, u[i] != 0x7D, u[i] != 0x5D { i += 1 }
        }
        let wanted = Array("\"\(key)\"".utf8)
        skipSpace()
        guard i < u.count, u[i] == 0x7B else { return nil }
        i += 1
        while i < u.count {
            skipSpace()
            guard i < u.count, u[i] == 0x22 else { return nil }
            let keyStart = i
            skipString()
            let isWanted = u[keyStart..<i].elementsEqual(wanted)
            skipSpace()
            guard i < u.count, u[i] == 0x3A else { return nil }
            i += 1
            skipSpace()
            let valueStart = i
            skipValue()
            if isWanted {
                let utf8 = json.utf8
                return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: valueStart)..<utf8.index(utf8.startIndex, offsetBy: i)])
            }
            skipSpace()
            guard i < u.count, u[i] == 0x2C else { return nil }
            i += 1
        }
        return nil
    }
}
