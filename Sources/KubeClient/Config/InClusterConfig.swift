import Foundation

/// The configuration of a process running in a pod: the service account token and CA mounted
/// by the kubelet, and the API server address from the environment.
public enum InClusterConfig {
    /// Where the kubelet mounts the service account.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Builds the config from values (pure): host and port from `KUBERNETES_SERVICE_HOST` and
    /// `KUBERNETES_SERVICE_PORT`, the token file path (re-read as it rotates), the CA path and
    /// the pod's namespace.
    public static func make(environment: [String: String], directory: String = serviceAccountDirectory, namespace: String?)
        throws(KubeError) -> ClientConfig
    {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw .config("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set",
                hint: "pass --kubeconfig when running outside a pod")
        }
        let h = host.contains(":") ? "[\(host)]" : host
        return ClientConfig(
            server: "https://\(h):\(port)", caCertificate: .file(directory + "/ca.crt"),
            credentials: .tokenFile(directory + "/token"),
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default", contextName: "in-cluster")
    }

    /// Loads the in-cluster config from the process environment and the mounted files.
    public static func load(directory: String = serviceAccountDirectory) throws(KubeError) -> ClientConfig {
        guard FileManager.default.fileExists(atPath: directory + "/token") else {
            throw .config("service account token not found", file: directory + "/token",
                hint: "mount a service account, or pass --kubeconfig")
        }
        let ns = (try? String(contentsOfFile: directory + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return try make(environment: ProcessInfo.processInfo.environment, directory: directory, namespace: ns)
    }
}
