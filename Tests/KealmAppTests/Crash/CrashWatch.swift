import Foundation
import KealmApp
import KealmModel
import Testing

/// The deletion recorders of a crash scenario: ManifestWorks on the hub, and ConfigMaps,
/// Deployments and Namespaces on every member. `check` asserts that no work was deleted or
/// replaced, and that the only member objects deleted or replaced are the intended prunes
/// (`extra` of the even apps, see `CrashFixture.commitGeneration`).
struct CrashWatch {
    let works: DeletionRecorder
    let members: [(cluster: String, kind: String, recorder: DeletionRecorder)]

    init(hubKubeconfig: String, memberKubeconfigs: [String: String]) {
        works = DeletionRecorder(kubeconfig: hubKubeconfig)
        members = memberKubeconfigs.sorted { $0.key < $1.key }.flatMap { c, path in
            [FleetInvariants.configMap, FleetInvariants.deployment, FleetInvariants.namespace].map {
                (c, $0.kind, DeletionRecorder(kubeconfig: path, gvk: $0))
            }
        }
    }

    func start() {
        works.start()
        for m in members { m.recorder.start() }
    }

    func stop() {
        works.stop()
        for m in members { m.recorder.stop() }
    }

    func check(fixture: CrashFixture, generation: Int, scenario: String) {
        let log = works.log
        #expect(log.deleted.isEmpty, "\(scenario): ManifestWorks deleted: \(log.deleted)")
        let replaced = log.uids.filter { $0.value.count > 1 }.keys.sorted()
        #expect(replaced.isEmpty, "\(scenario): ManifestWorks deleted and created again (new uid): \(replaced)")
        #expect(log.events > 0, "\(scenario): the recording watch saw nothing")
        // A restarted hub keeps its watch history in memory only, so a watch resuming from before the
        // restart may be answered 410 and relist: a DELETED event could then be missed, but an object
        // deleted and created again shows as a second uid, and one deleted for good fails the invariants.
        // The even apps' `extra` is pruned in even generations and recreated in odd ones: those
        // deletions (and new uids) are intended. Nothing else on a member may be deleted or replaced.
        let intended: Set<String> = generation == 1 ? [] : Set(fixture.prunedApps.map { "crash-\($0)/extra" })
        for m in members {
            let allowed = m.kind == "ConfigMap" ? intended : []
            let unexpected = m.recorder.log.deleted.filter { !allowed.contains($0) }
            #expect(unexpected.isEmpty, "\(scenario): \(m.cluster): \(m.kind)s deleted by mistake: \(unexpected)")
            let recreated = m.recorder.log.uids.filter { $0.value.count > 1 && !allowed.contains($0.key) }.keys.sorted()
            #expect(recreated.isEmpty, "\(scenario): \(m.cluster): \(m.kind)s deleted and created again: \(recreated)")
        }
    }

    var summary: String {
        let memberDeletions = members.map { $0.recorder.log.deleted.count }.reduce(0, +)
        let relists = ([works] + members.map(\.recorder)).map { $0.log.relists }.reduce(0, +)
        return "works-deleted=\(works.log.deleted.count) member-deletions=\(memberDeletions) watch-relists=\(relists)"
    }
}
