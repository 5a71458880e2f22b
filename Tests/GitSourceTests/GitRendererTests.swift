import Foundation
import KealmYAML
import Testing

@testable import GitSource

@Suite("GitRenderer: kustomize builds straight from a commit")
struct GitRendererTests {
    static let files: [String: String?] = [
        "base/kustomization.yaml": """
            resources:
            - deployment.yaml
            - service.yaml
            """,
        "base/deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
            """,
        "base/service.yaml": """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """,
        "overlays/dev/kustomization.yaml": """
            resources: [../../base]
            namePrefix: dev-
            namespace: dev
            commonLabels: {env: dev}
            images: [{name: nginx, newTag: "1.27"}]
            replicas: [{name: web, count: 2}]
            """,
        "docs/README.md": "not an input\n",
    ]

    @Test func sameOutputAsKubectlKustomizeOnACheckout() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        let commit = try origin.commit(Self.files)
        let renderer = GitRenderer(mirrors: MirrorCache(stateDirectory: origin.base.path + "/state"))
        let result = try await renderer.render(url: origin.url, revision: commit, path: "overlays/dev")
        #expect(!result.fromCache && result.commit == commit)
        let ours = try YAMLEmitter.emit(result.documents)
        let theirs = try kubectlKustomize(origin.work + "/overlays/dev")
        #expect(ours == theirs)

        // A commit that touches no input: served from the cache, the engine does not run.
        try origin.commit(["docs/README.md": "still not an input\n"])
        let again = try await renderer.render(url: origin.url, path: "overlays/dev")
        #expect(again.fromCache)
        #expect(try YAMLEmitter.emit(again.documents) == ours)
    }

    /// The example overlays of this repository, committed to a scratch repository and rendered from Git,
    /// equal `kubectl kustomize` on the checkout.
    @Test func examplesOfThisRepositoryMatchKubectlKustomize() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        var dirs: [String] = []
        for top in ["kustomize", "applicationsets"] where FileManager.default.fileExists(atPath: root + "/" + top) {
            try FileManager.default.copyItem(atPath: root + "/" + top, toPath: origin.work + "/" + top)
            let walker = FileManager.default.enumerator(atPath: origin.work + "/" + top)
            while let rel = walker?.nextObject() as? String {
                if rel.hasSuffix("kustomization.yaml") {
                    dirs.append(top + "/" + (rel as NSString).deletingLastPathComponent)
                }
            }
        }
        try #require(!dirs.isEmpty, "no examples found under \(root)")
        let commit = try origin.commit([:])
        let renderer = GitRenderer(mirrors: MirrorCache(stateDirectory: origin.base.path + "/state"))
        for dir in dirs.sorted() {
            let ours = try YAMLEmitter.emit(try await renderer.render(url: origin.url, revision: commit, path: dir).documents)
            #expect(ours == (try kubectlKustomize(origin.work + "/" + dir)), "\(dir)")
        }
    }

    @Test func symlinkEscapingTheTreeIsRefused() async throws {
        let origin = try OriginRepo()
        defer { origin.base.cleanup() }
        try origin.commit(["app/kustomization.yaml": "resources: [cm.yaml]\n"])
        try origin.symlink("app/cm.yaml", to: "../../../../etc/hostname")
        try origin.commit([:])
        let renderer = GitRenderer(mirrors: MirrorCache(stateDirectory: origin.base.path + "/state"))
        let error = await #expect(throws: GitSourceError.self) { try await renderer.render(url: origin.url, path: "app") }
        #expect(error?.description.contains("escapes the repository tree") == true)
    }

    /// `kubectl kustomize DIR` (a short command; Process is fine).
    func kubectlKustomize(_ dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["kubectl", "kustomize", dir]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
