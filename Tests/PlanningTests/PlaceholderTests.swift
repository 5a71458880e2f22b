import Planning
import Testing

@Test func planningModuleLinks() { #expect(!PlanningModule.name.isEmpty) }
