import Planning
import Testing

@Suite struct SyncOptionsTests {
    @Test func parsesEveryKnownOption() throws {
        let o = try SyncOptions(parsing: "Prune=false, PruneLast=true,Replace=true,ServerSideApply=true,SkipDryRunOnMissingResource=true,CreateNamespace=true,Delete=false,Validate=false,Force=TRUE,PrunePropagationPolicy=orphan")
        #expect(o.prune == .no && o.pruneLast && o.replace && o.serverSideApply == true)
        #expect(o.skipDryRunOnMissingResource && o.createNamespace && o.delete == .no && !o.validate && o.force)
        #expect(o.other == ["PrunePropagationPolicy": "orphan"])
        #expect(o.annotationValue == "Prune=false,PruneLast=true,Replace=true,ServerSideApply=true,SkipDryRunOnMissingResource=true,CreateNamespace=true,Delete=false,Validate=false,Force=true,PrunePropagationPolicy=orphan")
    }

    @Test func annotationOverridesApplicationDefaults() throws {
        let app = try SyncOptions(list: ["ServerSideApply=true", "PruneLast=true"])
        let o = try SyncOptions(parsing: "PruneLast=false,Prune=confirm", defaults: app)
        #expect(o.serverSideApply == true && !o.pruneLast && o.prune == .confirm)
        #expect(SyncOptions().annotationValue == "")
    }
}
