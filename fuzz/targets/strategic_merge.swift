// libFuzzer target: a strategic merge patch must either be refused (an error is thrown) or produce
// a merged object, in both dialects; it must never crash or hang. The input is a YAML stream whose
// first two documents are the object and the patch. Built by fuzz/run against the instrumented KealmYAML,
// KealmModel and Patch modules.

import KealmModel
import KealmYAML
import Patch

@_cdecl("LLVMFuzzerTestOneInput")
public func kealmFuzzStrategicMerge(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasNodes: 10_000, maxDocuments: 4)
    guard let docs = try? YAMLParser.parseStream(bytes, limits: limits), docs.count >= 2 else { return 0 }
    let object = docs[0], patch = docs[1]
    let gvk = GVK(
        apiVersion: object.string(at: "apiVersion") ?? "apps/v1", kind: object.string(at: "kind") ?? "Deployment")
    for mode in [StrategicMerge.Mode.kustomize, .apiServer] {
        _ = try? StrategicMerge.apply(patch: patch, to: object, schema: .builtin, gvk: gvk, mode: mode)
    }
    return 0
}
