import Foundation
import Testing
@testable import KealmYAML

/// Inputs found by `fuzz/run`: each must parse (or be refused) and keep its JSON form on a round trip.
@Suite struct FuzzRegressionTests {
    static let fixtures: [String] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { dir.appendingPathComponent($0).path }
    }()

    @Test(arguments: fixtures)
    func jsonRoundTripIsStable(path: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        guard let docs = try? YAMLParser.parseStream(bytes) else { return }
        for doc in docs {
            let json = JSON.encode(doc)
            let again = try JSON.decode(json)
            #expect(JSON.encode(again) == json)
        }
    }

    @Test(arguments: [("+.8E0", "0.8e0"), ("-.5", "-0.5"), ("1.", "1.0"), ("007.5", "7.5"), ("1e+3", "1e+3")])
    func floatsBecomeValidJSON(yaml: String, json: String) throws {
        #expect(JSON.encode(try YAMLParser.parse(yaml)) == json)
    }
}
