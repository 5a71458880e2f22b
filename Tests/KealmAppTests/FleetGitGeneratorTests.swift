import Foundation
import Testing
import KealmApp
import KealmYAML
import KubeClient
import TestSupport

/// The fleet controller's `git` generators read a real repository (file://) through the Git
/// mirrors: directories and files become Applications, a new commit is picked up, and an
/// unreachable repository is an error that keeps the Applications.
@Suite(.serialized) struct FleetGitGeneratorTests {
    @Test func gitDirectoriesAndFilesFollowCommits() async throws {
        let hub = try await FleetTestHub()
        defer { hub.stop() }
        let repo = hub.dir + "/repo"
        let origin = hub.dir + "/origin.git"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        let git = "git -c user.name=t -c user.email=t@e -c init.defaultBranch=main"
        let out = try await FleetTestHub.sh("""
            set -e; \(git) init -q --bare "\(origin)"; \(git) init -q .; \(git) remote add origin "\(origin)"
            mkdir -p apps/web apps/db apps/.hidden config/dev config/prod
            echo 'kind: ConfigMap' > apps/web/cm.yaml; echo 'kind: ConfigMap' > apps/db/cm.yaml; echo x > apps/.hidden/f
            printf '{"cluster": {"name": "dev-1", "address": "https://dev-1:6443"}}' > config/dev/config.json
            printf 'cluster: {name: prod-1, address: "https://prod-1:6443"}\\n' > config/prod/config.yaml
            \(git) add -A; \(git) commit -qm one; \(git) push -q origin HEAD:refs/heads/main; echo PUSHED
            """, in: repo, log: hub.dir + "/git1.log")
        #expect(out.contains("PUSHED"), "\(out)")
        let url = "file://" + origin
        try await hub.apply("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: argocd}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: apps, namespace: argocd}
            spec:
              generators:
              - git: {repoURL: "\(url)", revision: HEAD, directories: [{path: "apps/*"}]}
              template:
                metadata: {name: "app-{{path.basename}}"}
                spec:
                  project: default
                  source: {repoURL: "\(url)", targetRevision: HEAD, path: "{{path}}"}
                  destination: {server: "https://kubernetes.default.svc", namespace: "{{path.basename}}"}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: configs, namespace: argocd}
            spec:
              goTemplate: true
              generators:
              - git: {repoURL: "\(url)", revision: main, files: [{path: "config/**/config.*"}]}
              template:
                metadata: {name: "cfg-{{.cluster.name}}"}
                spec:
                  project: default
                  source: {repoURL: "\(url)", targetRevision: main, path: "{{.path.path}}"}
                  destination: {server: "{{.cluster.address}}", namespace: default}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata: {name: gone, namespace: argocd}
            spec:
              generators:
              - git: {repoURL: "file://\(hub.dir)/missing.git", revision: HEAD, directories: [{path: "*"}]}
              template:
                metadata: {name: "gone-{{path.basename}}"}
                spec:
                  project: default
                  source: {repoURL: "file://\(hub.dir)/missing.git", path: "{{path}}"}
                  destination: {server: "https://kubernetes.default.svc", namespace: default}
            """)

        var controller = FleetController(client: hub.client, interval: 3600,
            repo: FleetGitRepos(git: GitRenderEffects(stateDirectory: hub.dir + "/mirrors", pollInterval: 0)))
        controller.gitInterval = 0.5
        let task = Task { [controller] in try await controller.run() }
        defer { task.cancel() }

        try await FleetTestHub.eventually("Applications from directories and files") {
            try await hub.applications() == ["app-db", "app-web", "cfg-dev-1", "cfg-prod-1"]
        }
        let web = try await hub.client.get(FleetKinds.application, name: "app-web", namespace: "argocd")
        #expect(web.string(at: "spec", "source", "path") == "apps/web")
        let prod = try await hub.client.get(FleetKinds.application, name: "cfg-prod-1", namespace: "argocd")
        #expect(prod.string(at: "spec", "destination", "server") == "https://prod-1:6443")
        #expect(prod.string(at: "spec", "source", "path") == "config/prod")

        // A missing repository is an error on its ApplicationSet, never an empty list.
        try await FleetTestHub.eventually("the unreachable repository reported") {
            let a = try await hub.client.get(FleetKinds.applicationSet, name: "gone", namespace: "argocd")
            return a[path: ["status", "conditions"]]?.items?.contains {
                $0.string(at: "type") == "ErrorOccurred" && $0.string(at: "status") == "True"
            } ?? false
        }

        // A new commit: one directory added, one removed.
        let out2 = try await FleetTestHub.sh("""
            set -e; mkdir -p apps/cache; echo 'kind: ConfigMap' > apps/cache/cm.yaml; rm -r apps/db
            \(git) add -A; \(git) commit -qm two; \(git) push -q origin HEAD:refs/heads/main; echo PUSHED
            """, in: repo, log: hub.dir + "/git2.log")
        #expect(out2.contains("PUSHED"), "\(out2)")
        try await FleetTestHub.eventually("Applications after the commit") {
            try await hub.applications() == ["app-cache", "app-web", "cfg-dev-1", "cfg-prod-1"]
        }
    }
}
