import KealmYAML
import Testing
@testable import VirtualCluster

/// Builds protobuf bytes for the tests (length-delimited fields only).
struct PB {
    var bytes: [UInt8] = []
    static func varint(_ v: Int) -> [UInt8] {
        var v = UInt64(v)
        var out: [UInt8] = []
        repeat {
            var b = UInt8(v & 0x7f)
            v >>= 7
            if v != 0 { b |= 0x80 }
            out.append(b)
        } while v != 0
        return out
    }
    mutating func field(_ n: Int, _ payload: [UInt8]) {
        bytes += PB.varint(n << 3 | 2) + PB.varint(payload.count) + payload
    }
    mutating func field(_ n: Int, _ s: String) { field(n, Array(s.utf8)) }

    /// The `k8s\0` envelope around an object message.
    static func envelope(_ apiVersion: String, _ kind: String, _ raw: [UInt8]) -> [UInt8] {
        var tm = PB()
        tm.field(1, apiVersion)
        tm.field(2, kind)
        var env = PB()
        env.field(1, tm.bytes)
        env.field(2, raw)
        return [0x6b, 0x38, 0x73, 0] + env.bytes
    }
}

@Suite struct ProtobufTests {
    @Test func namespaceAndConfigMap() throws {
        var meta = PB()
        meta.field(1, "demo")
        var label = PB()
        label.field(1, "team")
        label.field(2, "a")
        meta.field(11, label.bytes)
        var ns = PB()
        ns.field(1, meta.bytes)
        let node = try KubeProtobuf.decode(PB.envelope("v1", "Namespace", ns.bytes))
        #expect(node.string(at: "kind") == "Namespace" && node.string(at: "metadata", "name") == "demo")
        #expect(node.string(at: "metadata", "labels", "team") == "a")

        var data = PB()
        data.field(1, "n")
        data.field(2, "1")
        var cm = PB()
        cm.field(1, meta.bytes)
        cm.field(2, data.bytes)
        let c = try KubeProtobuf.decode(PB.envelope("v1", "ConfigMap", cm.bytes))
        #expect(JSON.encode(c["data"]!) == "{\"n\":\"1\"}")
    }

    @Test func otherKindsAreRefused() {
        #expect(throws: APIError.self) { try KubeProtobuf.decode(PB.envelope("apps/v1", "Deployment", [])) }
    }
}
