import Foundation
import Health
import KealmYAML
import Testing

/// Walks `Fixtures/<kind>/<expected-status>-<case>.yaml` and checks each object's assessment.
@Suite struct HealthFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixtures() -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for kind in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
            for file in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(kind).path)) ?? [] where file.hasSuffix(".yaml") {
                out.append("\(kind)/\(file)")
            }
        }
        return out.sorted()
    }

    @Test func thereAreFixturesForEveryStatusThatMatters() {
        let names = Self.fixtures()
        #expect(names.count > 60)
        for prefix in ["healthy-", "progressing-", "degraded-", "suspended-"] {
            #expect(names.contains { $0.split(separator: "/").last!.hasPrefix(prefix) })
        }
    }

    @Test(arguments: fixtures())
    func fixtureHasExpectedStatus(_ name: String) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
        let object = try YAMLParser.parse(text, file: name)
        let file = name.split(separator: "/").last!
        let expectedText = String(file.split(separator: "-").first!)
        let expected = try #require(HealthStatus(parsing: expectedText), "file name must start with a status: \(name)")
        let result = HealthRegistry.standard.assess(object)
        #expect(result.status == expected, "\(name): got \(result)")
        if expected != .healthy { #expect(!result.message.isEmpty, "\(name): a non-healthy status needs a message") }
    }
}
