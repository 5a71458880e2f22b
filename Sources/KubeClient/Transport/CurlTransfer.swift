import CCurl
import Foundation

/// The state one transfer shares with its libcurl callbacks (passed as the `void *` payload).
final class TransferBox {
    var status = 0
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    /// For streams: called with each received chunk when the status is 2xx; false aborts.
    let onData: (([UInt8]) -> Bool)?
    let cancel: CancelFlag

    init(cancel: CancelFlag, onData: (([UInt8]) -> Bool)?) {
        self.cancel = cancel
        self.onData = onData
    }

    var streaming: Bool { onData != nil && (200..<300).contains(status) }
}

private func writeCallback(_ p: UnsafeMutablePointer<CChar>?, _ size: Int, _ n: Int, _ ud: UnsafeMutableRawPointer?) -> Int {
    let box = Unmanaged<TransferBox>.fromOpaque(ud!).takeUnretainedValue()
    if box.cancel.isCancelled { return 0 }
    let count = size * n
    guard count > 0, let p else { return count }
    let buf = UnsafeRawBufferPointer(start: p, count: count)
    if box.streaming, let onData = box.onData {
        return onData(Array(buf)) ? count : 0
    }
    box.body.append(contentsOf: buf)
    return count
}

private func headerCallback(_ p: UnsafeMutablePointer<CChar>?, _ size: Int, _ n: Int, _ ud: UnsafeMutableRawPointer?) -> Int {
    let box = Unmanaged<TransferBox>.fromOpaque(ud!).takeUnretainedValue()
    let count = size * n
    guard let p else { return count }
    let line = String(decoding: UnsafeRawBufferPointer(start: p, count: count), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    if line.hasPrefix("HTTP/") {
        // A new response (after 100 Continue, a redirect or a proxy CONNECT): start over.
        let parts = line.split(separator: " ")
        box.status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        box.headers = [:]
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        box.headers[name] = value
    }
    return count
}

private func progressCallback(_ ud: UnsafeMutableRawPointer?, _ dt: curl_off_t, _ dn: curl_off_t, _ ut: curl_off_t, _ un: curl_off_t) -> Int32 {
    let box = Unmanaged<TransferBox>.fromOpaque(ud!).takeUnretainedValue()
    return box.cancel.isCancelled ? 1 : 0
}

/// How long a transfer may take.
enum TransferLimit {
    /// A normal request: connect timeout and a total timeout.
    case total(connect: Double, total: Double)
    /// A watch: connect timeout, then abort when less than 1 byte/s arrives for `idle` seconds.
    case idle(connect: Double, idle: Double)
}

/// Everything the handle needs besides the request: TLS, proxy, auth header. Built by the transport.
struct TransferSettings {
    var url: String
    var hostHeader: String?
    var connectTo: String?
    var caCertificate: PEMSource?
    var clientCertificate: PEMSource?
    var clientKey: PEMSource?
    var insecure: Bool
    var proxy: String?
    var authorization: String?
    var userAgent: String
    var http2: Bool
}

/// Runs one transfer on the calling (worker) thread.
func performTransfer(
    handle h: UnsafeMutableRawPointer, request: HTTPRequest, settings s: TransferSettings, limit: TransferLimit,
    box: TransferBox
) -> (CURLcode, String) {
    _ = ccurl_setopt_string(h, CURLOPT_URL, s.url)
    _ = ccurl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
    _ = ccurl_setopt_long(h, CURLOPT_HTTP_VERSION, s.http2 ? Int(CURL_HTTP_VERSION_2TLS) : Int(CURL_HTTP_VERSION_1_1))
    _ = ccurl_setopt_string(h, CURLOPT_ACCEPT_ENCODING, "")
    _ = ccurl_setopt_string(h, CURLOPT_USERAGENT, s.userAgent)
    _ = ccurl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
    switch limit {
    case .total(let connect, let total):
        _ = ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(connect * 1000))
        _ = ccurl_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(total * 1000))
    case .idle(let connect, let idle):
        _ = ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(connect * 1000))
        _ = ccurl_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, 1)
        _ = ccurl_setopt_long(h, CURLOPT_LOW_SPEED_TIME, max(1, Int(idle.rounded(.up))))
    }
    var connectTo: UnsafeMutablePointer<curl_slist>? = nil
    if let c = s.connectTo {
        // tls-server-name: the URL carries the TLS name, CONNECT_TO points at the real address.
        connectTo = curl_slist_append(nil, c)
        _ = ccurl_setopt_slist(h, CURLOPT_CONNECT_TO, connectTo)
    }
    defer { if connectTo != nil { curl_slist_free_all(connectTo) } }
    setPEM(h, s.caCertificate, file: CURLOPT_CAINFO, blob: CURLOPT_CAINFO_BLOB)
    setPEM(h, s.clientCertificate, file: CURLOPT_SSLCERT, blob: CURLOPT_SSLCERT_BLOB)
    setPEM(h, s.clientKey, file: CURLOPT_SSLKEY, blob: CURLOPT_SSLKEY_BLOB)
    if s.insecure {
        _ = ccurl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)
        _ = ccurl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 0)
    }
    if let p = s.proxy { _ = ccurl_setopt_string(h, CURLOPT_PROXY, p) } else { _ = ccurl_setopt_string(h, CURLOPT_PROXY, "") }

    var headers: UnsafeMutablePointer<curl_slist>? = nil
    headers = curl_slist_append(headers, "Expect:")
    if let host = s.hostHeader { headers = curl_slist_append(headers, "Host: \(host)") }
    if let a = s.authorization { headers = curl_slist_append(headers, "Authorization: \(a)") }
    for (k, v) in request.headers.sorted(by: { $0.key < $1.key }) { headers = curl_slist_append(headers, "\(k): \(v)") }
    _ = ccurl_setopt_slist(h, CURLOPT_HTTPHEADER, headers)
    defer { curl_slist_free_all(headers) }

    switch request.method {
    case "GET": _ = ccurl_setopt_long(h, CURLOPT_HTTPGET, 1)
    case "HEAD": _ = ccurl_setopt_long(h, CURLOPT_NOBODY, 1)
    default: _ = ccurl_setopt_string(h, CURLOPT_CUSTOMREQUEST, request.method)
    }

    let me = Unmanaged.passUnretained(box).toOpaque()
    _ = ccurl_setopt_write_function(h, writeCallback)
    _ = ccurl_setopt_pointer(h, CURLOPT_WRITEDATA, me)
    _ = ccurl_setopt_header_function(h, headerCallback)
    _ = ccurl_setopt_pointer(h, CURLOPT_HEADERDATA, me)
    _ = ccurl_setopt_long(h, CURLOPT_NOPROGRESS, 0)
    _ = ccurl_setopt_xferinfo_function(h, progressCallback)
    _ = ccurl_setopt_pointer(h, CURLOPT_XFERINFODATA, me)

    var errbuf = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    let code: CURLcode = errbuf.withUnsafeMutableBufferPointer { eb in
        _ = ccurl_setopt_pointer(h, CURLOPT_ERRORBUFFER, eb.baseAddress)
        // POSTFIELDS is not copied by libcurl: the body must stay alive during perform.
        if let body = request.body {
            return body.withUnsafeBytes { raw in
                _ = ccurl_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
                _ = ccurl_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
                let c = curl_easy_perform(h)
                _ = ccurl_setopt_pointer(h, CURLOPT_POSTFIELDS, nil)
                return c
            }
        }
        return curl_easy_perform(h)
    }
    _ = ccurl_setopt_pointer(h, CURLOPT_ERRORBUFFER, nil)
    _ = ccurl_setopt_slist(h, CURLOPT_HTTPHEADER, nil)
    _ = ccurl_setopt_slist(h, CURLOPT_CONNECT_TO, nil)
    var detail = errbuf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
    return (code, detail)
}

private func setPEM(_ h: UnsafeMutableRawPointer, _ pem: PEMSource?, file: CURLoption, blob: CURLoption) {
    switch pem {
    case .file(let path): _ = ccurl_setopt_string(h, file, path)
    case .data(let bytes): bytes.withUnsafeBytes { _ = ccurl_setopt_blob(h, blob, $0.baseAddress, $0.count) }  // copied
    case nil: break
    }
}

/// The negotiated HTTP version of the last transfer on a handle.
func negotiatedHTTPVersion(_ h: UnsafeMutableRawPointer) -> String {
    var v = 0
    _ = ccurl_getinfo_long(h, CURLINFO_HTTP_VERSION, &v)
    switch v {
    case Int(CURL_HTTP_VERSION_2_0): return "2"
    case Int(CURL_HTTP_VERSION_1_0): return "1.0"
    default: return "1.1"
    }
}
