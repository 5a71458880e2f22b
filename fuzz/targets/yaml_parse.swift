// libFuzzer target: the YAML parser must either refuse the input with a YAMLError or return
// documents whose JSON form survives a round trip unchanged. Built by fuzz/run together with the
// instrumented KealmYAML module.

import KealmYAML

@_cdecl("LLVMFuzzerTestOneInput")
public func kealmFuzzYAMLParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = YAMLLimits(maxBytes: 1 << 20, maxDepth: 64, maxAliasNodes: 10_000, maxDocuments: 1_000)
    guard let docs = try? YAMLParser.parseStream(bytes, limits: limits) else { return 0 }
    for doc in docs {
        let json = JSON.encode(doc)
        guard let again = try? JSON.decode(json) else {
            fatalError("JSON output does not parse back: \(json)")
        }
        let json2 = JSON.encode(again)
        if json2 != json { fatalError("JSON round trip changed the value:\n\(json)\n\(json2)") }
    }
    return 0
}
