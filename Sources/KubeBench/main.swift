// kube-bench: measures KubeClient against a running API server (used by bench/client.bench).
// Usage: kube-bench KUBECONFIG get|apply|populate|informer|list N [concurrency]
//        kube-bench libyaml|reader decode N   (offline: decode time of a List of N ConfigMaps)
// Prints one line `name value unit`.
import Foundation
import KealmModel
import KealmYAML
import KubeClient

func rssMiB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for l in s.split(separator: "\n") where l.hasPrefix("VmRSS:") {
        return Double(l.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }
    return 0
}

func configMap(_ name: String, _ ns: String, _ i: Int) -> YAMLNode {
    .mapping([
        YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("ConfigMap")),
        YAMLPair("metadata", .mapping([
            YAMLPair("name", .string(name)), YAMLPair("namespace", .string(ns)),
            YAMLPair("labels", .mapping([YAMLPair("app", .string("bench")), YAMLPair("shard", .string(String(i % 10)))])),
        ])),
        YAMLPair("data", .mapping([YAMLPair("key", .string("value-\(i)")), YAMLPair("payload", .string(String(repeating: "x", count: 200)))])),
    ])
}

let args = CommandLine.arguments
guard args.count >= 4, let n = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: kube-bench KUBECONFIG get|apply|informer|populate N [concurrency]\n".utf8))
    exit(2)
}
let concurrency = args.count > 4 ? Int(args[4]) ?? 1 : 1
if args[2] == "decode" {
    // Offline: decode time of a List JSON of N ConfigMaps.
    let items = (0..<n).map { JSON.encode(configMap("cm-\($0)", "ns", $0)) }.joined(separator: ",")
    let text = #"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":["# + items + "]}"
    let start = Date()
    let node = args[1] == "libyaml" ? try JSON.decode(Array(text.utf8)) : try JSONReader.decode(Array(text.utf8))
    print("decode \(String(format: "%.3f", Date().timeIntervalSince(start))) s for \(node["items"]?.items?.count ?? 0) items, \(text.utf8.count) bytes")
    exit(0)
}
var options = ClientOptions()
options.qps = 0
let client = try KubeClient(kubeconfig: args[1], options: options)
let cmGVK = GVK(group: "", version: "v1", kind: "ConfigMap")
let ns = "kube-bench"
_ = try? await client.create(.mapping([
    YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Namespace")),
    YAMLPair("metadata", .mapping([YAMLPair("name", .string(ns))])),
]))

func timed(_ total: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
    let start = Date()
    try await withThrowingTaskGroup(of: Void.self) { g in
        for w in 0..<concurrency {
            g.addTask {
                var i = w
                while i < total {
                    try await body(i)
                    i += concurrency
                }
            }
        }
        try await g.waitForAll()
    }
    return Double(total) / Date().timeIntervalSince(start)
}

@Sendable func createIfMissing(_ o: YAMLNode) async throws {
    do {
        _ = try await client.create(o)
    } catch {
        if !error.isAlreadyExists { throw error }
    }
}

@Sendable func serverApplies() async throws -> Bool {
    do {
        _ = try await client.apply(configMap("apply-probe", ns, 0), fieldManager: "bench", force: true)
        return true
    } catch {
        if error.code == 415 { return false }
        throw error
    }
}

switch args[2] {
case "get":
    try await createIfMissing(configMap("get-target", ns, 0))
    let rate = try await timed(n) { _ in _ = try await client.get(cmGVK, name: "get-target", namespace: ns) }
    print("get \(Int(rate)) req/s")
case "apply":
    if try await !serverApplies() {
        print("apply n/a (the server has no server-side apply)")
        exit(0)
    }
    let rate = try await timed(n) { i in
        _ = try await client.apply(configMap("apply-\(i % 100)", ns, i), fieldManager: "bench", force: true)
    }
    print("apply \(Int(rate)) req/s")
case "populate":
    _ = try await timed(n) { i in
        try await createIfMissing(configMap("inf-\(i)", ns, i))
    }
    print("populate \(n) objects")
case "list":
    // N lists of every ConfigMap of the namespace (pages of 500, as kubectl asks); prints the median.
    var times: [Double] = []
    var count = 0
    for _ in 0..<n {
        let start = Date()
        let list = try await client.list(cmGVK, namespace: ns)
        times.append(Date().timeIntervalSince(start))
        count = list.items.count
    }
    print("list_median \(String(format: "%.1f", times.sorted()[times.count / 2] * 1000)) ms for \(count) objects")
case "informer":
    let before = rssMiB()
    let start = Date()
    let inf = Informer(client: client, gvk: cmGVK, namespace: ns, labelSelector: "app=bench")
    let drain = Task { for await _ in inf.changes {} }
    inf.start()
    await inf.waitForSync()
    let syncSeconds = Date().timeIntervalSince(start)
    let count = inf.store.count
    // Let the change stream drain so the measurement is the cache, not the backlog.
    try await Task.sleep(nanoseconds: 500_000_000)
    let after = rssMiB()
    inf.stop()
    drain.cancel()
    print("informer_objects \(count) objects")
    print("informer_sync \(String(format: "%.2f", syncSeconds)) s")
    print("informer_rss_delta \(String(format: "%.1f", after - before)) MiB")
    print("informer_bytes_per_object \(Int((after - before) * 1024 * 1024 / Double(max(count, 1)))) B")
default:
    FileHandle.standardError.write(Data("unknown mode \(args[2])\n".utf8))
    exit(2)
}
exit(0)
