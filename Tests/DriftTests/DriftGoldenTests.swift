import Drift
import Foundation
import KealmYAML
import Testing

/// The readable diff of a drifted Deployment. Regenerate with `KEALM_UPDATE_GOLDEN=1` and review.
@Suite struct DriftGoldenTests {
    @Test func deploymentDiff() throws {
        let live = liveDeployment(image: "nginx:1.24", replicas: 5, extraManaged: ", f:tier: {}", extraLabel: ", tier: frontend")
        let drift = DriftDetector.compare(desired: try YAMLParser.parse(desiredDeployment), live: try YAMLParser.parse(live))
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/deployment.diff")
        if ProcessInfo.processInfo.environment["KEALM_UPDATE_GOLDEN"] != nil {
            try drift.text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(drift.text == (try String(contentsOf: url, encoding: .utf8)))
        #expect(drift.differences.map(\.kind) == [.changed, .changed, .unexpected])
    }
}
