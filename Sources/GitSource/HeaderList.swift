import CGit2
import Glibc

/// A `git_strarray` of extra HTTP headers, owned by the caller until `free()`.
struct HeaderList {
    var array = git_strarray()
    private var pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    init(_ headers: [String]) {
        guard !headers.isEmpty else { return }
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: headers.count)
        for (i, h) in headers.enumerated() { p[i] = strdup(h) }
        pointers = p
        array.strings = p
        array.count = headers.count
    }

    mutating func free() {
        guard let p = pointers else { return }
        for i in 0..<array.count { Glibc.free(p[i]) }
        p.deallocate()
        pointers = nil
        array = git_strarray()
    }
}
