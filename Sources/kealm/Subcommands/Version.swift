import ArgumentParser

enum KealmVersion {
    static let string = "0.1.0-dev"
}

/// `kealm version`: prints the version.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version of kealm.")
    func run() {
        print("kealm \(KealmVersion.string)")
    }
}
