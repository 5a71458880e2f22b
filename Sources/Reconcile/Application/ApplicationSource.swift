import KealmModel
import KealmYAML

/// `spec.source`: a Git repository, a revision and a path holding a kustomization (or plain manifests),
/// with optional `kustomize` overrides.
public struct ApplicationSource: Sendable, Hashable {
    public var repoURL: String
    /// Branch, tag, commit or `HEAD` (empty means `HEAD`).
    public var targetRevision: String
    /// The directory inside the repository (`.` or empty is the root).
    public var path: String
    public var kustomize: KustomizeOverrides?

    public init(repoURL: String, targetRevision: String = "HEAD", path: String = ".", kustomize: KustomizeOverrides? = nil) {
        self.repoURL = repoURL
        self.targetRevision = targetRevision
        self.path = path
        self.kustomize = kustomize
    }

    /// The app directory as an absolute source path (`/overlays/dev`), the form `FileSource` uses.
    public var directory: String {
        let parts = path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        return "/" + parts.joined(separator: "/")
    }

    /// The branch name when `targetRevision` names one (what push webhooks are matched against);
    /// `HEAD` or empty means the default branch, spelled `nil` here.
    public var branch: String? {
        let rev = targetRevision.hasPrefix("refs/heads/") ? String(targetRevision.dropFirst(11)) : targetRevision
        return rev.isEmpty || rev == "HEAD" ? nil : rev
    }

    init(_ node: YAMLNode?, reader r: FieldReader) throws(ModelError) {
        guard let node, let repo = try r.string(node["repoURL"], "spec.source.repoURL"), !repo.isEmpty else {
            throw r.error("spec.source.repoURL", "the Application has no source repository", hint: "set spec.source.repoURL and spec.source.path")
        }
        self.init(repoURL: repo, targetRevision: try r.string(node["targetRevision"], "spec.source.targetRevision") ?? "HEAD",
            path: try r.string(node["path"], "spec.source.path") ?? ".",
            kustomize: try node["kustomize"].map { k throws(ModelError) in try KustomizeOverrides(k, reader: r) })
    }
}

/// `spec.source.kustomize`: overrides applied on top of the app's kustomization. Kealm applies them
/// as an in-memory overlay kustomization whose only resource is the app directory, so the files in
/// Git are never edited.
public struct KustomizeOverrides: Sendable, Hashable {
    public var namePrefix: String?
    public var nameSuffix: String?
    /// `images`: kustomize image overrides, as Argo CD writes them (`name=newName:tag`, `name:tag`, `name@digest`).
    public var images: [String]
    public var commonLabels: [String: String]
    public var commonAnnotations: [String: String]
    public var namespace: String?
    /// `replicas`: `{name, count}` pairs.
    public var replicas: [YAMLNode]
    /// `patches`: kustomize patches (path-less: inline `patch` with an optional `target`).
    public var patches: [YAMLNode]
    public var components: [String]

    public init(namePrefix: String? = nil, nameSuffix: String? = nil, images: [String] = [], commonLabels: [String: String] = [:],
        commonAnnotations: [String: String] = [:], namespace: String? = nil, replicas: [YAMLNode] = [], patches: [YAMLNode] = [],
        components: [String] = [])
    {
        self.namePrefix = namePrefix
        self.nameSuffix = nameSuffix
        self.images = images
        self.commonLabels = commonLabels
        self.commonAnnotations = commonAnnotations
        self.namespace = namespace
        self.replicas = replicas
        self.patches = patches
        self.components = components
    }

    init(_ node: YAMLNode, reader r: FieldReader) throws(ModelError) {
        let f = "spec.source.kustomize."
        self.init(namePrefix: try r.string(node["namePrefix"], f + "namePrefix"), nameSuffix: try r.string(node["nameSuffix"], f + "nameSuffix"),
            images: try r.strings(node["images"], f + "images"), commonLabels: try r.stringMap(node["commonLabels"], f + "commonLabels"),
            commonAnnotations: try r.stringMap(node["commonAnnotations"], f + "commonAnnotations"),
            namespace: try r.string(node["namespace"], f + "namespace"), replicas: try r.items(node["replicas"], f + "replicas"),
            patches: try r.items(node["patches"], f + "patches"), components: try r.strings(node["components"], f + "components"))
    }

    /// True when nothing is overridden (the app directory is rendered as it is).
    public var isEmpty: Bool { self == KustomizeOverrides() }

    /// Where the in-memory overlay of an app directory lives: outside the app directory (kustomize
    /// refuses a resource that contains the kustomization naming it).
    public static func overlayDirectory(for appDirectory: String) -> String {
        "/.kealm-overrides" + (appDirectory == "/" ? "/root" : appDirectory)
    }

    /// The overlay kustomization that applies the overrides over the app directory (absolute, `/apps/dev`).
    /// Relative paths (the app directory itself, components) are written from the overlay's directory.
    public func kustomization(appDirectory: String) -> YAMLNode {
        let overlay = Self.overlayDirectory(for: appDirectory)
        let ups = String(repeating: "../", count: overlay.split(separator: "/").count)
        let app = appDirectory == "/" ? "." : String(appDirectory.dropFirst())
        func rel(_ path: String) -> String {
            if path.hasPrefix("/") { return ups + path.dropFirst() }
            return ups + (app == "." ? path : app + "/" + path)
        }
        var pairs: [YAMLPair] = [
            YAMLPair("apiVersion", .string("kustomize.config.k8s.io/v1beta1")), YAMLPair("kind", .string("Kustomization")),
            YAMLPair("resources", .sequence([.string(ups + app)])),
        ]
        if !components.isEmpty { pairs.append(YAMLPair("components", .sequence(components.map { .string(rel($0)) }))) }
        if let namePrefix { pairs.append(YAMLPair("namePrefix", .string(namePrefix))) }
        if let nameSuffix { pairs.append(YAMLPair("nameSuffix", .string(nameSuffix))) }
        if let namespace, !namespace.isEmpty { pairs.append(YAMLPair("namespace", .string(namespace))) }
        func map(_ m: [String: String]) -> YAMLNode { .mapping(m.keys.sorted().map { YAMLPair($0, .string(m[$0]!)) }) }
        if !commonLabels.isEmpty { pairs.append(YAMLPair("commonLabels", map(commonLabels))) }
        if !commonAnnotations.isEmpty { pairs.append(YAMLPair("commonAnnotations", map(commonAnnotations))) }
        if !images.isEmpty { pairs.append(YAMLPair("images", .sequence(images.map(Self.image)))) }
        if !replicas.isEmpty { pairs.append(YAMLPair("replicas", .sequence(replicas))) }
        if !patches.isEmpty { pairs.append(YAMLPair("patches", .sequence(patches))) }
        return .mapping(pairs)
    }

    /// Argo CD's image override forms → a kustomize `images` entry:
    /// `name=new:tag`, `name=new@digest`, `name:tag`, `name@digest`, `name=new`.
    static func image(_ text: String) -> YAMLNode {
        var name = text
        var newName: String?
        if let eq = text.firstIndex(of: "=") {
            name = String(text[..<eq])
            newName = String(text[text.index(after: eq)...])
        }
        var ref = newName ?? name
        var tag: String?
        var digest: String?
        if let at = ref.firstIndex(of: "@") {
            digest = String(ref[ref.index(after: at)...])
            ref = String(ref[..<at])
        } else if let colon = ref.lastIndex(of: ":"), !ref[colon...].contains("/") {
            tag = String(ref[ref.index(after: colon)...])
            ref = String(ref[..<colon])
        }
        if newName == nil { name = ref }
        var pairs = [YAMLPair("name", .string(name))]
        if newName != nil && ref != name { pairs.append(YAMLPair("newName", .string(ref))) }
        if let tag { pairs.append(YAMLPair("newTag", .string(tag))) }
        if let digest { pairs.append(YAMLPair("digest", .string(digest))) }
        return .mapping(pairs)
    }

    /// A stable text of the overrides: part of the render cache key, so two Applications with the same
    /// path but different overrides never share a render.
    public var cacheKey: String { isEmpty ? "" : JSON.encode(kustomization(appDirectory: "/app")) }
}
