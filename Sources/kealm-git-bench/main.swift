// Measurement driver for bench/git.bench (not a product feature). Prints one sample per line, in seconds.
//
//   kealm-git-bench poll URL STATE N          N no-op polls (tip unchanged) of an existing mirror
//   kealm-git-bench sync URL STATE            one sync (clone or fetch) of the mirror
//   kealm-git-bench render-git URL STATE PATH N   N renders of PATH at HEAD from the commit tree (no cache)
//   kealm-git-bench render-cached URL STATE PATH N   N renders through the render cache (hits after the first)
//   kealm-git-bench render-disk DIR N         N renders of DIR from disk
//   kealm-git-bench read-git URL STATE N / read-disk DIR N   read every file of the tree
import Foundation
import GitSource
import KealmApp
import KealmYAML
import Overlay

func elapsed(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func readAll(_ fs: any FileSource, _ dir: String) throws -> Int {
    var total = 0
    for name in try fs.list(dir) {
        let path = dir == "/" ? "/" + name : dir + "/" + name
        switch try fs.entry(at: path) {
        case .directory: total += try readAll(fs, path)
        case .file: total += try fs.read(path).count
        default: break
        }
    }
    return total
}

let args = CommandLine.arguments
func arg(_ i: Int) -> String { args.count > i ? args[i] : "" }
let mode = arg(1)
let dirModes: Set = ["render-disk", "read-disk"]
let count =
    Int(
        dirModes.contains(mode)
            ? arg(3) : mode == "render-git" || mode == "render-cached" ? arg(5) : arg(4)) ?? 1

do {
    switch mode {
    case "poll", "sync", "render-git", "render-cached", "read-git":
        let mirror = GitMirror(url: arg(2), path: arg(3))
        if mode == "sync" {
            let start = ContinuousClock.now
            try await mirror.sync()
            print(elapsed(since: start))
            exit(0)
        }
        try await mirror.sync()
        let cache = RenderCache<[YAMLNode]>()
        for _ in 0..<count {
            let start = ContinuousClock.now
            switch mode {
            case "poll":
                guard try await mirror.sync() == .unchanged else {
                    fatalError("the tip moved during the bench")
                }
            case "read-git":
                _ = try readAll(try await mirror.treeSource(commit: try await mirror.resolve("HEAD")), "/")
            default:
                let src = try await mirror.treeSource(
                    commit: try await mirror.resolve("HEAD"), refuseEscapingLinks: true)
                let dir = "/" + arg(4)
                if mode == "render-git" {
                    _ = try Renderer.render(directory: dir, source: src)
                } else {
                    let slot = RenderSlot(repository: arg(2), path: dir, engineVersion: "bench")
                    _ = try cache.render(slot, source: src) {
                        try Renderer.render(directory: dir, source: $0)
                    }
                }
            }
            print(elapsed(since: start))
        }
    case "render-disk", "read-disk":
        for _ in 0..<count {
            let start = ContinuousClock.now
            if mode == "read-disk" {
                _ = try readAll(DiskFileSource(), arg(2))
            } else {
                _ = try Renderer.render(directory: arg(2), source: DiskFileSource())
            }
            print(elapsed(since: start))
        }
    default:
        FileHandle.standardError.write(
            Data("usage: see the header of Sources/kealm-git-bench/main.swift\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
