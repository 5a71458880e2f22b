import Testing
@testable import KealmYAML

/// Hostile inputs at the YAML layer: each ends in a `YAMLError` naming what limit was hit,
/// or parses within bounds. Nothing here depends on timing.
@Suite struct HostileInputTests {
    @Test func oversizedInputIsRefusedBeforeParsing() {
        let big = [UInt8](repeating: 0x61, count: YAMLLimits.default.maxBytes + 1)
        do {
            _ = try YAMLParser.parseStream(big, file: "big.yaml")
            Issue.record("expected the size limit")
        } catch {
            #expect(error.code == .sizeLimit)
            #expect(error.description.contains("big.yaml"))
        }
    }

    @Test func millionDocumentStreamIsRefused() {
        let text = String(repeating: "---\na: 1\n", count: 1_000_000)
        do {
            _ = try YAMLParser.parseStream(text, limits: YAMLLimits(maxBytes: 16 << 20, maxDocuments: 1_000))
            Issue.record("expected the document limit")
        } catch {
            #expect(error.code == .documentLimit)
        }
    }

    @Test func invalidUTF8IsRefused() {
        do {
            _ = try YAMLParser.parseStream([0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A], file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidUTF8)
        }
    }

    @Test func nulBytesAreRefused() {
        #expect(throws: YAMLError.self) { try YAMLParser.parseStream([0x61, 0x3A, 0x20, 0x00, 0x62, 0x0A]) }
    }

    @Test func sixtyFourLevelsParseAndHundredsAreRefused() throws {
        var text = ""
        for i in 0..<64 { text += String(repeating: "  ", count: i) + "k\(i):\n" }
        text += String(repeating: "  ", count: 64) + "leaf: 1\n"
        let doc = try YAMLParser.parse(text)
        #expect(doc["k0"]?["k1"] != nil)
        let deep = String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300)
        do {
            _ = try YAMLParser.parseStream(deep)
            Issue.record("expected the depth limit")
        } catch {
            #expect(error.code == .depthLimit)
        }
    }

    @Test func enormousStringWithinTheSizeLimitParses() throws {
        let s = String(repeating: "x", count: 2 << 20)
        let doc = try YAMLParser.parse("data: \(s)\n")
        #expect(doc["data"]?.string?.utf8.count == 2 << 20)
    }

    @Test func aliasBombInsideAKubernetesObjectNamesTheFile() {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1..<9 { text += "  a\(i): &a\(i) [" + Array(repeating: "*a\(i-1)", count: 9).joined(separator: ", ") + "]\n" }
        do {
            _ = try YAMLParser.parseStream(text, file: "bomb.yaml")
            Issue.record("expected the alias limit")
        } catch {
            #expect(error.code == .aliasLimit)
            #expect(error.description.hasPrefix("bomb.yaml:"))
        }
    }

    @Test func unknownAliasIsAnError() {
        #expect(throws: YAMLError.self) { try YAMLParser.parseStream("a: *nope\n") }
    }
}
