import Foundation
import KealmYAML

/// Reads kubeconfig files the way kubectl chooses them. The only part of the config code that
/// touches the file system and the environment.
public enum KubeconfigLoader {
    /// Loads and merges the kubeconfig in effect.
    ///
    /// - `explicitPath` (`--kubeconfig`): only that file, which must exist.
    /// - else `KUBECONFIG`: its `:`-separated files, in order, duplicates and missing files skipped.
    /// - else `$HOME/.kube/config` when it exists; an empty config otherwise.
    public static func load(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(KubeError) -> Kubeconfig
    {
        if let explicitPath, !explicitPath.isEmpty {
            guard let cfg = try loadFile(explicitPath) else {
                throw .config("kubeconfig file not found", file: explicitPath, hint: "check the --kubeconfig path")
            }
            return cfg
        }
        var configs: [Kubeconfig] = []
        for f in files(environment: environment) {
            if let c = try loadFile(f) { configs.append(c) }
        }
        return Kubeconfig.merged(configs)
    }

    /// The candidate files, in precedence order.
    public static func files(environment: [String: String]) -> [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen: Set<String> = []
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        if let home = environment["HOME"], !home.isEmpty { return [home + "/.kube/config"] }
        return []
    }

    /// Reads one file; nil when it does not exist.
    public static func loadFile(_ path: String) throws(KubeError) -> Kubeconfig? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let docs: [YAMLNode]
        do {
            docs = try YAMLParser.parseStream([UInt8](data), file: path)
        } catch {
            throw .config("cannot parse: \(error)", file: path)
        }
        return try Kubeconfig(node: docs.first ?? .null, origin: absolute(path))
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
