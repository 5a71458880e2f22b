import KealmYAML
import Testing

@testable import Reconcile

/// The Application's health message names a member cluster its work cannot reach.
@Suite struct UnreachableHealthTests {
    @Test(arguments: [
        ("{type: Available, status: Unknown, reason: ClusterUnreachable, message: 'the member cluster cannot be reached: 503'}",
            "cluster c2: the member cluster cannot be reached: 503"),
        ("{type: Available, status: 'False', reason: ResourcesNotAvailable, message: '1 of 3 resources are not available'}", nil),
        ("{type: Applied, status: Unknown, reason: ClusterUnreachable, message: x}", nil),
    ] as [(String, String?)])
    func messageOfAWork(condition: String, expected: String?) throws {
        let work = try YAMLParser.parse("{metadata: {name: web, namespace: c2}, status: {conditions: [\(condition)]}}")
        #expect(ApplicationAssessment.unreachableMessage(work) == expected)
    }
}
