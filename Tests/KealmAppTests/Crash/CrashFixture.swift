import Foundation
import TestSupport
import Testing

/// A throwaway Git repository for crash-restart rounds: the project's `acm-gitops-integration/`
/// plus `apps` ApplicationSets (`a00`, `a01`, …), each delivering one small application in three
/// sync waves to every cluster: ConfigMap `config` (wave 0), Deployment `web` (wave 1) and
/// ConfigMap `extra` (wave 2), in namespace `crash-aNN` (created by `CreateNamespace=true`).
///
/// `commitGeneration(g)` changes every `config` (data `rev: g`) and removes `extra` from the
/// even-numbered apps in even generations (restoring it in odd ones), so rounds cover updates,
/// prunes and re-creations.
struct CrashFixture {
    let dir: String
    let apps: Int
    let clusters: [String]

    static var repoRoot: String? { WalkthroughTests.repoRoot }

    var appNames: [String] { (0..<apps).map { String(format: "a%02d", $0) } }
    /// Application names as the ApplicationSets generate them: `<cluster>-<app>`.
    var applicationNames: Set<String> { Set(clusters.flatMap { c in appNames.map { "\(c)-\($0)" } }) }

    /// Creates the repository with its first commit.
    static func create(in parent: String, apps: Int, clusters: [String] = ["cluster1", "cluster2"]) throws -> CrashFixture {
        let f = CrashFixture(dir: parent + "/repo", apps: apps, clusters: clusters)
        let fm = FileManager.default
        try fm.createDirectory(atPath: f.dir + "/acm-gitops-integration", withIntermediateDirectories: true)
        if let root = repoRoot {
            for name in try fm.contentsOfDirectory(atPath: root + "/acm-gitops-integration") where name.hasSuffix(".yaml") {
                try fm.copyItem(atPath: root + "/acm-gitops-integration/" + name, toPath: f.dir + "/acm-gitops-integration/" + name)
            }
        }
        for app in f.appNames {
            try f.write("applicationsets/\(app)/applicationset-\(app).yaml", Self.applicationSet(app))
            try f.write("apps/\(app)/kustomization.yaml", "resources:\n- config.yaml\n- deploy.yaml\n- extra.yaml\n")
            try f.write("apps/\(app)/config.yaml", Self.configMap("config", app: app, rev: "1", wave: 0))
            try f.write("apps/\(app)/extra.yaml", Self.configMap("extra", app: app, rev: "1", wave: 2))
            try f.write("apps/\(app)/deploy.yaml", Self.deployment(app))
        }
        try f.git(["init", "-q", "-b", "main"])
        try f.git(["add", "-A"])
        try f.git(["commit", "-qm", "first generation"])
        return f
    }

    /// Generation `g` (2, 3, …): `config` at rev g everywhere; `extra` removed from the even apps in
    /// even generations and back in odd ones, so successive generations update, prune and recreate.
    func commitGeneration(_ g: Int) throws {
        for (i, app) in appNames.enumerated() {
            try write("apps/\(app)/config.yaml", Self.configMap("config", app: app, rev: "\(g)", wave: 0))
            if i % 2 == 0 {
                let keep = g % 2 == 1
                try write("apps/\(app)/kustomization.yaml", "resources:\n- config.yaml\n- deploy.yaml\n" + (keep ? "- extra.yaml\n" : ""))
                if keep {
                    try write("apps/\(app)/extra.yaml", Self.configMap("extra", app: app, rev: "1", wave: 2))
                } else {
                    try? FileManager.default.removeItem(atPath: dir + "/apps/\(app)/extra.yaml")
                }
            }
        }
        try git(["add", "-A"])
        try git(["commit", "-qm", "generation \(g)"])
    }

    /// The apps whose `extra` ConfigMap some generation prunes (and a later one may bring back).
    var prunedApps: [String] { appNames.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }

    /// What a member must hold for one app, as `Kind/name` → the `rev` datum (nil for the Deployment).
    func expectedObjects(app index: Int, generation: Int) -> [String: String?] {
        var out: [String: String?] = ["ConfigMap/config": "\(generation)"]
        out["Deployment/web"] = .some(nil)
        if generation % 2 == 1 || index % 2 == 1 { out["ConfigMap/extra"] = "1" }
        return out
    }

    var head: String { (try? git(["rev-parse", "HEAD"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }

    func write(_ path: String, _ text: String) throws {
        let full = dir + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func git(_ args: [String]) throws -> String {
        let r = try ShortCommand.run(["git", "-C", dir, "-c", "user.email=crash@kealm.test", "-c", "user.name=crash"] + args)
        guard r.status == 0 else { throw CrashRoundError("git \(args.joined(separator: " ")) failed in \(dir): \(r.err)") }
        return r.out
    }

    static func applicationSet(_ app: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: \(app), namespace: argocd}
        spec:
          generators:
          - clusters: {selector: {matchLabels: {argocd.argoproj.io/secret-type: cluster}}}
          template:
            metadata: {name: "{{nameNormalized}}-\(app)"}
            spec:
              project: default
              source: {repoURL: "kealm://self", targetRevision: HEAD, path: apps/\(app)}
              destination: {server: "{{server}}", namespace: crash-\(app)}
              syncPolicy:
                syncOptions: [CreateNamespace=true]
                automated: {prune: true, selfHeal: true}

        """
    }

    static func configMap(_ name: String, app: String, rev: String, wave: Int) -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)
          annotations: {argocd.argoproj.io/sync-wave: "\(wave)"}
        data: {app: \(app), rev: "\(rev)"}

        """
    }

    static func deployment(_ app: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations: {argocd.argoproj.io/sync-wave: "1"}
        spec:
          replicas: 1
          selector: {matchLabels: {app: \(app)}}
          template:
            metadata: {labels: {app: \(app)}}
            spec:
              containers:
              - {name: web, image: "registry.example/\(app):1"}

        """
    }
}

/// A failed step of a crash round (git, spawn, convergence).
struct CrashRoundError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
