import Foundation
import Glibc
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 with a kernel-assigned port, for transport and fault
/// tests: real sockets, keep-alive, chunked streaming replies. Each connection gets a thread.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: [UInt8]
        var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
        var query: [String: String] {
            guard let q = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
            var out: [String: String] = [:]
            for kv in q.split(separator: "&") {
                let parts = kv.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                out[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return out
        }
    }

    enum Reply: Sendable {
        case full(status: Int, headers: [String: String], body: String)
        /// Chunked; each chunk is sent after its delay; the stream ends after the last one.
        case stream(status: Int, chunks: [(String, Double)])
        /// Close the connection without answering.
        case drop
    }

    let port: UInt16
    private let fd: Int32
    private let handler: @Sendable (Request) -> Reply
    let connections = Atomic<Int>(0)
    let requests = Mutex<[Request]>([])
    private let stopped = Atomic<Bool>(false)

    init(handler: @escaping @Sendable (Request) -> Reply) {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 64)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = UInt16(bigEndian: addr.sin_port)
        self.port = port
        let t = Thread { [self] in acceptLoop() }
        t.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let c = accept(fd, nil, nil)
            if c < 0 { return }
            connections.add(1, ordering: .sequentiallyConsistent)
            Thread { [self] in serve(c) }.start()
        }
    }

    private func serve(_ c: Int32) {
        defer { close(c) }
        var buffer: [UInt8] = []
        while true {
            guard let req = readRequest(c, &buffer) else { return }
            requests.withLock { $0.append(req) }
            switch handler(req) {
            case .drop: return
            case .full(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) X\r\nContent-Length: \(body.utf8.count)\r\n"
                if headers["Content-Type"] == nil { head += "Content-Type: application/json\r\n" }
                for (k, v) in headers { head += "\(k): \(v)\r\n" }
                if !send(c, head + "\r\n" + body) { return }
            case .stream(let status, let chunks):
                if !send(c, "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n") { return }
                for (text, delay) in chunks {
                    if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
                    if !send(c, String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n") { return }
                }
                if !send(c, "0\r\n\r\n") { return }
            }
        }
    }

    private func send(_ c: Int32, _ s: String) -> Bool {
        let bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            off += n
        }
        return true
    }

    private func readRequest(_ c: Int32, _ buffer: inout [UInt8]) -> Request? {
        func fill() -> Bool {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(c, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return false }
            buffer.append(contentsOf: chunk[0..<n])
            return true
        }
        var headerEnd: Int?
        while headerEnd == nil {
            if buffer.count >= 4 {
                for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
                    headerEnd = i
                    break
                }
            }
            if headerEnd == nil && !fill() { return nil }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let first = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for l in lines {
            if let i = l.firstIndex(of: ":") {
                headers[l[..<i].lowercased()] = l[l.index(after: i)...].trimmingCharacters(in: .whitespaces)
            }
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let start = headerEnd! + 4
        while buffer.count < start + length { if !fill() { return nil } }
        let body = Array(buffer[start..<(start + length)])
        buffer.removeFirst(start + length)
        return Request(method: String(first[0]), target: String(first[1]), headers: headers, body: body)
    }
}
