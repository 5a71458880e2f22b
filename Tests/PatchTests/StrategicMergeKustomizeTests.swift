import KealmYAML
import Patch
import Testing

/// Kustomize-mode strategic merge, checked against outputs of kustomize v5.5.0. The cases live in
/// `SMPKustomize{Lists,Directives,Untouched}Cases.swift`.
let kustomizeCases: [SMPCase] = kustomizeListCases + kustomizeDirectiveCases + kustomizeUntouchedCases

@Suite("StrategicMerge, kustomize mode")
struct StrategicMergeKustomizeTests {
    @Test(arguments: kustomizeCases)
    func matchesKustomize(_ c: SMPCase) throws {
        if c.expected == "ERROR" {
            #expect(throws: PatchError.self) { try runSMP(c, mode: .kustomize) }
            return
        }
        let expected = c.expected.isEmpty ? "" : canon(yaml(c.expected))
        #expect(try runSMP(c, mode: .kustomize) == expected)
    }
}
