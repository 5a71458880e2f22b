import Foundation
import KealmModel
import KealmYAML
import Patch
import Testing

/// Replays the kustomize conformance cases that only use `resources` and strategic-merge or JSON
/// `patches` through this module (no render engine needed), when the corpus is present next to the
/// repository (`../shared/conformance/kustomize/cases`) or named by `KEALM_KUSTOMIZE_CORPUS`.
@Suite("Patch module on the kustomize corpus")
struct CorpusPatchTests {
    static let casesDir: String? = {
        let env = ProcessInfo.processInfo.environment["KEALM_KUSTOMIZE_CORPUS"]
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [
            env, repo.appendingPathComponent("../shared/conformance/kustomize/cases").path,
            repo.appendingPathComponent("../../shared/conformance/kustomize/cases").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }()

    static let names: [String] = {
        guard let dir = casesDir, let all = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return all.filter { name in
            guard let k = try? String(contentsOfFile: "\(dir)/\(name)/kustomization.yaml", encoding: .utf8),
                FileManager.default.fileExists(atPath: "\(dir)/\(name)/expected.yaml"),
                let node = try? YAMLParser.parse(k), let keys = node.pairs?.map(\.key.value)
            else { return false }
            let allowed: Set = ["apiVersion", "kind", "resources", "patchesStrategicMerge", "patches", "openapi"]
            // Targets by kind and name only; selectors and options belong to the render engine.
            let simplePatches = (node["patches"]?.items ?? []).allSatisfy { p in
                p["options"] == nil && (p["target"]?.pairs ?? []).allSatisfy { ["kind", "name"].contains($0.key.value) }
            }
            return keys.allSatisfy(allowed.contains) && simplePatches
                && (keys.contains("patches") || keys.contains("patchesStrategicMerge"))
        }.sorted()
    }()

    @Test(.enabled(if: casesDir != nil), arguments: names)
    func replay(_ name: String) throws {
        let dir = "\(Self.casesDir!)/\(name)"
        func read(_ p: String) throws -> String { try String(contentsOfFile: "\(dir)/\(p)", encoding: .utf8) }
        let k = try YAMLParser.parse(try read("kustomization.yaml"))
        var schema = PatchSchema.builtin
        if let p = k.string(at: "openapi", "path") { schema = schema.adding(try OpenAPISchemaLoader.load(text: try read(p))) }
        var objects: [YAMLNode] = []
        for r in k["resources"]?.items ?? [] {
            let docs = try YAMLParser.parseStream(try read(r.string ?? ""))
            try #require(docs.allSatisfy { $0.pairs != nil }, "resources must be files of objects")
            objects += docs
        }
        var patches: [(YAMLNode, YAMLNode?)] = []
        for p in k["patchesStrategicMerge"]?.items ?? [] {
            let text = p.string ?? ""
            let docs = text.contains("\n") ? try YAMLParser.parseStream(text) : try YAMLParser.parseStream(try read(text))
            patches += docs.map { ($0, nil) }
        }
        for p in k["patches"]?.items ?? [] {
            let text = try p.string(at: "path").map(read) ?? p.string(at: "patch") ?? ""
            patches += try YAMLParser.parseStream(text).map { ($0, p["target"]) }
        }
        for (patch, target) in patches {
            for i in objects.indices where objects[i].pairs != nil {
                let o = objects[i]
                let kind = target.map { $0.string(at: "kind") } ?? patch.string(at: "kind")
                let name = target.map { $0.string(at: "name") } ?? patch.string(at: "metadata", "name")
                let apiVersion = target == nil ? patch.string(at: "apiVersion") : nil
                guard kind == nil || o.string(at: "kind") == kind, name == nil || o.string(at: "metadata", "name") == name,
                    apiVersion == nil || o.string(at: "apiVersion") == apiVersion
                else { continue }
                if patch.items != nil {
                    objects[i] = try JSONPatch.apply(patch, to: o)
                } else {
                    var patch = patch
                    if target != nil {  // kustomize gives a targeted patch the object's identity
                        for k in ["apiVersion", "kind"] where patch[k] != nil { patch[k] = o[k] }
                        if patch[path: ["metadata", "name"]] != nil { patch[path: ["metadata", "name"]] = o[path: ["metadata", "name"]] }
                    }
                    objects[i] = try StrategicMerge.apply(patch: patch, to: o, schema: schema, gvk: gvk(of: o))
                    // kustomize keeps the object's kind and name.
                    if !objects[i].isNull {
                        objects[i]["kind"] = o["kind"]
                        objects[i][path: ["metadata", "name"]] = o[path: ["metadata", "name"]]
                    }
                }
            }
        }
        let got = objects.filter { !$0.isNull }.map(canon)
        let expected = try YAMLParser.parseStream(try read("expected.yaml")).filter { !$0.isNull }.map(canon)
        #expect(got.sorted() == expected.sorted())
    }
}
