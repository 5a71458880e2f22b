import Foundation
import GitSource
import Reconcile

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP/1.1 listener for `POST /api/webhook`, served by the controller process on its own
/// port (the hub's API server stays Kubernetes-only). One thread accepts; each request is read
/// whole (at most 4 MiB), answered, and the connection closed.
public final class WebhookServer: @unchecked Sendable {
    /// Handles one request: method, path, headers (lowercased keys), body → status code and body.
    public typealias Handler = @Sendable (String, String, [String: String], [UInt8]) -> (Int, String)

    let fd: Int32
    /// The port listened on (the kernel's choice when 0 was asked).
    public let port: Int
    let handler: Handler
    private var thread: Thread?
    static let maxBody = 4 << 20

    /// Binds `host:port` (port 0: any free port).
    public init(host: String = "127.0.0.1", port: Int = 0, handler: @escaping Handler) throws {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw ReconcileError(.unavailable, "cannot open a socket", application: "webhook") }
        var one: Int32 = 1
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &addr.sin_addr)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(s, 64) == 0 else {
            close(s)
            throw ReconcileError(.unavailable, "cannot listen on \(host):\(port)", application: "webhook", hint: "choose another --webhook-port")
        }
        var got = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &got) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) } }
        fd = s
        self.port = Int(UInt16(bigEndian: got.sin_port))
        self.handler = handler
    }

    /// Starts accepting on a dedicated thread.
    public func start() {
        let t = Thread { [self] in
            while true {
                let c = accept(fd, nil, nil)
                if c < 0 { if errno == EINTR { continue } else { return } }
                serve(c)
            }
        }
        t.name = "kealm-webhook"
        t.start()
        thread = t
    }

    /// Stops accepting.
    public func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    func serve(_ c: Int32) {
        defer { close(c) }
        var tv = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            let n = recv(c, &buf, buf.count, 0)
            if n <= 0 { return }
            data += buf[0..<n]
            if headerEnd == nil, let end = Self.find(data, [13, 10, 13, 10]) {
                headerEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
                }
                if contentLength > Self.maxBody { return respond(c, 413, "request body too large") }
            }
            if let h = headerEnd, data.count - h >= contentLength { break }
        }
        let h = headerEnd!
        let head = String(decoding: data[0..<(h - 4)], as: UTF8.self).split(separator: "\r\n").map(String.init)
        let requestLine = head.first?.split(separator: " ").map(String.init) ?? []
        guard requestLine.count >= 2 else { return respond(c, 400, "bad request line") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let (status, body) = handler(requestLine[0], requestLine[1], headers, Array(data[h..<(h + contentLength)]))
        respond(c, status, body)
    }

    func respond(_ c: Int32, _ status: Int, _ body: String) {
        let reason = [200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
            413: "Payload Too Large"][status] ?? "Status"
        let text = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    static func find(_ data: [UInt8], _ needle: [UInt8]) -> Int? {
        guard data.count >= needle.count else { return nil }
        for i in 0...(data.count - needle.count) where data[i] == needle[0] && Array(data[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    /// The `POST /api/webhook` handler of an application controller: selects Applications with
    /// `Webhook.handle` and asks the controller to refresh them.
    public static func applicationHandler(controller: ApplicationController, secret: String?) -> Handler {
        { method, path, headers, body in
            guard path.split(separator: "?").first == "/api/webhook" else { return (404, #"{"error":"not found"}"#) }
            guard method == "POST" else { return (405, #"{"error":"use POST"}"#) }
            switch Webhook.handle(headers: headers, body: body, secret: secret, applications: controller.applications(),
                normalize: RepoURL.normalize)
            {
            case .rejected(let status, let reason): return (status, #"{"error":"\#(reason)"}"#)
            case .ignored(let why): return (200, #"{"ignored":"\#(why)"}"#)
            case .refresh(let event, let apps):
                Task { await controller.refresh(apps, repoURLs: event.repoURLs) }
                return (202, #"{"refreshing":\#(apps.count)}"#)
            }
        }
    }
}
