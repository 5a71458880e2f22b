import Foundation
import KealmYAML

/// Decodes the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) of the few
/// kinds kubectl's generators send that way (`kubectl create namespace|configmap|secret|serviceaccount`):
/// the `k8s\0` magic, a `runtime.Unknown` envelope, then the object's message. The field tables
/// below are the subset of the upstream `generated.proto` numbering those kinds use.
enum KubeProtobuf {
    indirect enum FieldType {
        case string, bytes, int, bool
        case message(String)
        case mapStringString, mapStringBytes
        case repeatedString
        case repeatedMessage(String)
    }

    static let meta: (String, FieldType) = ("metadata", .message("ObjectMeta"))

    static let types: [String: [Int: (String, FieldType)]] = [
        "ObjectMeta": [
            1: ("name", .string), 2: ("generateName", .string), 3: ("namespace", .string), 5: ("uid", .string),
            6: ("resourceVersion", .string), 7: ("generation", .int), 11: ("labels", .mapStringString),
            12: ("annotations", .mapStringString), 14: ("finalizers", .repeatedString),
        ],
        "Namespace": [1: meta, 2: ("spec", .message("NamespaceSpec"))],
        "NamespaceSpec": [1: ("finalizers", .repeatedString)],
        "ConfigMap": [1: meta, 2: ("data", .mapStringString), 3: ("binaryData", .mapStringBytes), 4: ("immutable", .bool)],
        "Secret": [1: meta, 2: ("data", .mapStringBytes), 3: ("type", .string), 4: ("immutable", .bool), 5: ("stringData", .mapStringString)],
        "ServiceAccount": [
            1: meta, 2: ("secrets", .repeatedMessage("ObjectReference")),
            3: ("imagePullSecrets", .repeatedMessage("LocalObjectReference")), 4: ("automountServiceAccountToken", .bool),
        ],
        "ObjectReference": [
            1: ("kind", .string), 2: ("namespace", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string),
            6: ("resourceVersion", .string), 7: ("fieldPath", .string),
        ],
        "LocalObjectReference": [1: ("name", .string)],
    ]

    struct Reader {
        var bytes: ArraySlice<UInt8>

        mutating func varint() throws(APIError) -> UInt64 {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while let b = bytes.popFirst() {
                v |= UInt64(b & 0x7f) << shift
                if b & 0x80 == 0 { return v }
                shift += 7
                if shift > 63 { break }
            }
            throw APIError.badRequest("malformed protobuf body (varint)")
        }

        /// The next field: its number, wire type and payload (varint value or bytes).
        mutating func field() throws(APIError) -> (Int, UInt64, ArraySlice<UInt8>)? {
            if bytes.isEmpty { return nil }
            let key = try varint()
            let wire = key & 7
            switch wire {
            case 0: return (Int(key >> 3), try varint(), [])
            case 1, 5:
                let n = wire == 1 ? 8 : 4
                guard bytes.count >= n else { throw APIError.badRequest("malformed protobuf body (fixed)") }
                let payload = bytes.prefix(n)
                bytes = bytes.dropFirst(n)
                return (Int(key >> 3), 0, payload)
            case 2:
                let n = Int(try varint())
                guard n >= 0, bytes.count >= n else { throw APIError.badRequest("malformed protobuf body (length)") }
                let payload = bytes.prefix(n)
                bytes = bytes.dropFirst(n)
                return (Int(key >> 3), 0, payload)
            default: throw APIError.badRequest("malformed protobuf body (wire type \(wire))")
            }
        }
    }

    /// Decodes a protobuf request body into an object tree.
    static func decode(_ body: [UInt8]) throws(APIError) -> YAMLNode {
        guard body.count >= 4, body[0] == 0x6b, body[1] == 0x38, body[2] == 0x73, body[3] == 0 else {
            throw APIError.badRequest("protobuf body without the k8s magic prefix")
        }
        var r = Reader(bytes: body[4...])
        var apiVersion = "", kind = ""
        var raw: ArraySlice<UInt8> = []
        while let (num, _, payload) = try r.field() {
            if num == 1 {
                var tm = Reader(bytes: payload)
                while let (n, _, p) = try tm.field() {
                    if n == 1 { apiVersion = String(decoding: p, as: UTF8.self) }
                    if n == 2 { kind = String(decoding: p, as: UTF8.self) }
                }
            } else if num == 2 {
                raw = payload
            }
        }
        guard types[kind] != nil, kind != "ObjectMeta" else {
            throw APIError.unsupportedMedia("protobuf is accepted only for Namespace, ConfigMap, Secret and ServiceAccount; send \(kind.isEmpty ? "this object" : kind) as application/json")
        }
        guard case .mapping(let pairs) = try message(raw, kind) else { return .null }
        return .mapping([YAMLPair("apiVersion", .string(apiVersion)), YAMLPair("kind", .string(kind))] + pairs)
    }

    static func message(_ bytes: ArraySlice<UInt8>, _ type: String) throws(APIError) -> YAMLNode {
        let table = types[type] ?? [:]
        var r = Reader(bytes: bytes)
        var out: YAMLNode = .emptyMapping
        while let (num, value, payload) = try r.field() {
            guard let (name, ft) = table[num] else { continue }
            let text = { String(decoding: payload, as: UTF8.self) }
            switch ft {
            case .string: out[name] = .string(text())
            case .bytes: out[name] = .string(Data(payload).base64EncodedString())
            case .int: out[name] = .int(Int(truncatingIfNeeded: value))
            case .bool: out[name] = .bool(value != 0)
            case .message(let t): out[name] = try message(payload, t)
            case .repeatedString: out[name] = .sequence((out[name]?.items ?? []) + [.string(text())])
            case .repeatedMessage(let t): out[name] = .sequence((out[name]?.items ?? []) + [try message(payload, t)])
            case .mapStringString, .mapStringBytes:
                var e = Reader(bytes: payload)
                var k = "", v: YAMLNode = .string("")
                while let (n, _, p) = try e.field() {
                    if n == 1 { k = String(decoding: p, as: UTF8.self) }
                    if n == 2 {
                        if case .mapStringBytes = ft { v = .string(Data(p).base64EncodedString()) } else { v = .string(String(decoding: p, as: UTF8.self)) }
                    }
                }
                var m = out[name] ?? .emptyMapping
                m[k] = v
                out[name] = m
            }
        }
        return out
    }
}
