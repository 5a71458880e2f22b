import ArgumentParser
import Foundation
import Generation
import KealmApp
import KealmModel

/// `kealm explain placement NAME`: why a Placement selects the clusters it selects, computed from
/// the hub as it is now (which filter dropped which cluster, every score).
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a decision on the hub.",
        subcommands: [ExplainPlacement.self]
    )
}

struct ExplainPlacement: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "placement",
        abstract: "Show which clusters a Placement selects and why: every filter, every score."
    )

    @OptionGroup var hub: HubOptions

    @Argument(help: "The Placement's name.")
    var name: String

    @Option(name: .shortAndLong, help: "The Placement's namespace (default: every namespace).")
    var namespace: String?

    func run() async throws {
        do {
            let objects = try await FleetController(client: try hub.client()).snapshot()
            let eval = FleetEvaluation(objects: objects, now: Timestamp(seconds: Int64(Date().timeIntervalSince1970)))
            let matches = eval.placements.filter { $0.placement.name == name && (namespace == nil || $0.placement.namespace == namespace) }
            if matches.isEmpty {
                throw ModelError(.notFound, "no Placement named \(name)\(namespace.map { " in namespace \($0)" } ?? "")",
                    hint: "kubectl get placements -A lists them")
            }
            var text = matches.map(\.explanation).joined(separator: "\n")
            if let held = eval.held.first(where: { $0.key.hasSuffix("/\(name)") }) {
                text += "\nheld: \(held.value) — its previous decisions are kept and dependent ApplicationSets report an error\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            throw ExitStatus.fail(error)
        }
    }
}
