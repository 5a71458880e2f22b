// libFuzzer target: the input is a kustomization.yaml in an in-memory tree that also holds two
// resource files, a base kustomization and a patch; rendering must either throw an OverlayError or
// return documents, never crash or hang. Built by fuzz/run against the instrumented KealmYAML,
// KealmModel, Patch and Overlay modules.

import KealmModel
import Overlay

/// A fixed in-memory tree; `/repo/app/kustomization.yaml` is the fuzzer's input.
struct FuzzFileSource: FileSource {
    var files: [String: [UInt8]]
    var directories: Set<String> = ["/", "/repo", "/repo/app", "/repo/base"]

    func entry(at path: String) throws -> FileEntry? {
        if path == "/repo/app/link.yaml" { return .symlink(target: "../base/cm.yaml") }
        if directories.contains(path) { return .directory }
        return files[path] == nil ? nil : .file
    }

    func read(_ path: String) throws -> [UInt8] {
        guard let b = files[path] else { throw OverlayError(.notFound, "no such file", file: path) }
        return b
    }

    func list(_ directory: String) throws -> [String] {
        let prefix = directory == "/" ? "/" : directory + "/"
        let names = (Array(files.keys) + Array(directories)).filter {
            $0.hasPrefix(prefix) && $0 != directory && !$0.dropFirst(prefix.count).contains("/")
        }
        return names.map { String($0.dropFirst(prefix.count)) }.sorted()
    }
}

let fuzzDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
          - name: web
            image: nginx:1.25
    """
let fuzzConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n"

@_cdecl("LLVMFuzzerTestOneInput")
public func kealmFuzzKustomizationLoad(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fs = FuzzFileSource(files: [
        "/repo/app/kustomization.yaml": Array(UnsafeBufferPointer(start: data, count: size)),
        "/repo/app/deploy.yaml": Array(fuzzDeployment.utf8),
        "/repo/app/patch.yaml": Array("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n".utf8),
        "/repo/base/kustomization.yaml": Array("resources:\n- cm.yaml\n".utf8),
        "/repo/base/cm.yaml": Array(fuzzConfigMap.utf8),
    ])
    // `render` throws only OverlayError (typed throws): reaching the next line is the property.
    _ = try? Renderer.render(directory: "/repo/app", source: fs, options: RenderOptions(outerRoot: "/repo"))
    return 0
}
