import ArgumentParser
import Foundation
import KealmApp
import KubeClient

/// `--kubeconfig` for the commands that talk to the hub. Default: `.kealm/hub.kubeconfig` when it
/// exists (written by `kealm up`), else `KUBECONFIG` / `~/.kube/config` as kubectl reads them.
struct HubOptions: ParsableArguments {
    @Option(help: "The hub's kubeconfig (default: .kealm/hub.kubeconfig when present, else KUBECONFIG).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    /// The kubeconfig path in effect, or nil for the KUBECONFIG default.
    var resolvedPath: String? {
        if let kubeconfig { return kubeconfig }
        let local = ".kealm/hub.kubeconfig"
        return FileManager.default.fileExists(atPath: local) ? local : nil
    }

    func client() throws -> KubeClient {
        try KubeClient(kubeconfig: resolvedPath, context: context)
    }
}

/// Resources the user commands read on the hub.
enum HubKinds {
    // see KealmApp.GVKs
    static let application = FleetKinds.application
    static let managedCluster = FleetKinds.managedCluster
    static let placement = FleetKinds.placement
}
