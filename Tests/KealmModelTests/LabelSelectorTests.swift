import Testing
import KealmModel

@Suite struct LabelSelectorTests {
    @Test(arguments: [
        ("env=prod", ["env": "prod"], true),
        ("env=prod", ["env": "dev"], false),
        ("env!=prod", [:], true),
        ("env in (dev,prod),tier", ["env": "dev", "tier": "x"], true),
        ("env notin (dev)", ["env": "dev"], false),
        ("!legacy", ["legacy": "1"], false),
        ("", [:], true),
    ] as [(String, [String: String], Bool)])
    func stringForm(selector: String, labels: [String: String], matches: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == matches)
    }
}
