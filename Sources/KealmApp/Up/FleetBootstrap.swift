import Foundation
import KealmModel
import KealmYAML
import KubeClient

/// The objects `kealm up` puts on its hub: the CRDs, namespaces, one ManagedCluster per member, and
/// the repository's GitOps content (`acm-gitops-integration/` and `applicationsets/*/applicationset-*.yaml`)
/// with the placeholder repository `kealm://self` replaced by the repository being served.
public struct FleetBootstrap: Sendable {
    public static let selfRepo = "kealm://self"
    static let manager = "kealm-up"

    public var client: KubeClient
    public var members: [MemberCluster]
    /// The hub URL prefix of member clusters (`http://127.0.0.1:PORT/clusters/`).
    public var memberServerPrefix: String
    /// The repository root on disk whose GitOps content is applied.
    public var repoRoot: String
    /// The repository URL written into ApplicationSets in place of `kealm://self`.
    public var repoURL: String
    /// When set, replaces the `targetRevision` of every ApplicationSet template that names `kealm://self`.
    public var targetRevision: String?

    public init(client: KubeClient, members: [MemberCluster], memberServerPrefix: String, repoRoot: String, repoURL: String) {
        self.client = client
        self.members = members
        self.memberServerPrefix = memberServerPrefix
        self.repoRoot = repoRoot
        self.repoURL = repoURL
    }

    /// Applies everything; safe to repeat (server-side apply).
    public func run(log: @Sendable (String) -> Void) async throws {
        for crd in HubCRDs.all { _ = try await client.apply(crd, fieldManager: Self.manager, force: true) }
        try await waitForKinds()
        for ns in ["argocd"] + members.map(\.name) { _ = try await client.apply(Self.namespace(ns), fieldManager: Self.manager, force: true) }
        for m in members {
            _ = try await client.apply(managedCluster(m), fieldManager: Self.manager, force: true)
            _ = try await client.patch(FleetKinds.managedCluster, name: m.name, type: .merge, patch: Self.availableStatus,
                subresource: "status")
        }
        let files = try gitOpsFiles()
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: Self.selfRepo, with: repoURL)
            for var doc in try YAMLParser.parseStream(text, file: file) where !doc.isNull {
                let sourcePath = ["spec", "template", "spec", "source"]
                if let rev = targetRevision, doc.string(at: "kind") == "ApplicationSet", doc[path: sourcePath + ["repoURL"]]?.string == repoURL {
                    doc[path: sourcePath + ["targetRevision"]] = .string(rev)
                }
                _ = try await client.apply(doc, fieldManager: Self.manager, force: true)
            }
        }
        log("hub: \(HubCRDs.all.count) CRDs, \(members.count) managed clusters, \(files.count) files of GitOps content applied")
    }

    /// The YAML files of the repository's GitOps content, sorted.
    public func gitOpsFiles() throws -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        let acm = repoRoot + "/acm-gitops-integration"
        for f in (try? fm.contentsOfDirectory(atPath: acm)) ?? [] where f.hasSuffix(".yaml") { out.append(acm + "/" + f) }
        let sets = repoRoot + "/applicationsets"
        for dir in (try? fm.contentsOfDirectory(atPath: sets)) ?? [] {
            for f in (try? fm.contentsOfDirectory(atPath: sets + "/" + dir)) ?? []
            where f.hasPrefix("applicationset-") && f.hasSuffix(".yaml") {
                out.append("\(sets)/\(dir)/\(f)")
            }
        }
        if out.isEmpty {
            throw ModelError(.notFound, "no GitOps content in \(repoRoot)",
                hint: "run kealm up in a repository with acm-gitops-integration/ and applicationsets/, or pass --repo")
        }
        return out.sorted()
    }

    func waitForKinds() async throws {
        for _ in 0..<100 {
            if (try? await client.list(FleetKinds.manifestWork, namespace: "default")) != nil,
                (try? await client.list(FleetKinds.applicationSet, namespace: "default")) != nil
            {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw ModelError(.unavailable, "the hub did not serve the installed CRDs within 10 s")
    }

    static func namespace(_ name: String) -> YAMLNode {
        .mapping([
            YAMLPair("apiVersion", .string("v1")), YAMLPair("kind", .string("Namespace")),
            YAMLPair("metadata", .mapping([YAMLPair("name", .string(name))])),
        ])
    }

    func managedCluster(_ m: MemberCluster) -> YAMLNode {
        .mapping([
            YAMLPair("apiVersion", .string(FleetKinds.managedCluster.apiVersion)), YAMLPair("kind", .string("ManagedCluster")),
            YAMLPair("metadata", .mapping([
                YAMLPair("name", .string(m.name)),
                YAMLPair("labels", .mapping(m.labels.sorted { $0.key < $1.key }.map { YAMLPair($0.key, .string($0.value)) })),
            ])),
            YAMLPair("spec", .mapping([
                YAMLPair("hubAcceptsClient", .bool(true)),
                YAMLPair("managedClusterClientConfigs", .sequence([.mapping([YAMLPair("url", .string(memberServerPrefix + m.name))])])),
            ])),
        ])
    }

    static let availableStatus: YAMLNode = .mapping([YAMLPair("status", .mapping([
        YAMLPair("conditions", .sequence([
            condition("HubAcceptedManagedCluster", "HubClusterAdminAccepted", "Accepted by kealm up"),
            condition("ManagedClusterJoined", "ManagedClusterJoined", "Member of the embedded fleet"),
            condition("ManagedClusterConditionAvailable", "ManagedClusterAvailable", "Logical cluster served by the embedded hub"),
        ])),
    ]))])

    static func condition(_ type: String, _ reason: String, _ message: String) -> YAMLNode {
        .mapping([
            YAMLPair("type", .string(type)), YAMLPair("status", .string("True")), YAMLPair("reason", .string(reason)),
            YAMLPair("message", .string(message)), YAMLPair("lastTransitionTime", .string(Timestamp(seconds: Int64(Date().timeIntervalSince1970)).rfc3339)),
        ])
    }
}
