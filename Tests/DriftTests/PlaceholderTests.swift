import Drift
import Testing

@Test func driftModuleLinks() { #expect(!DriftModule.name.isEmpty) }
