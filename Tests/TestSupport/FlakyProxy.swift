import Foundation
import Glibc
import Synchronization

/// A TCP proxy on 127.0.0.1 in front of a local server (a `git daemon`, a hub) that misbehaves
/// on demand: refuses connections, delays them, or cuts them mid-stream after a number of bytes
/// from the server. The mode can be switched at any time; it applies to new connections, and
/// `cutAll()` resets the open ones.
///
/// One thread accepts; each connection has two threads (one per direction) doing blocking I/O.
public final class FlakyProxy: @unchecked Sendable {
    /// How the proxy treats a new connection.
    public enum Mode: Sendable, Equatable {
        /// Forwards bytes both ways.
        case pass
        /// Accepts, then resets the connection at once (the client sees a reset, not a timeout).
        case refuse
        /// Waits this many milliseconds before connecting to the server, then forwards.
        case delay(milliseconds: Int)
        /// Forwards this many bytes from the server, then resets both sides.
        case cutAfter(bytes: Int)
    }

    /// Counters for assertions and reports.
    public struct Stats: Sendable, Equatable {
        public var accepted = 0
        public var refused = 0
        public var cut = 0
    }

    /// The port the proxy listens on.
    public let port: UInt16
    /// The port of the server behind it.
    public let targetPort: UInt16
    private let listener: Int32
    private let state: Mutex<(mode: Mode, stats: Stats, open: Set<Int32>, stopped: Bool)>

    public init(targetPort: UInt16, mode: Mode = .pass) throws {
        self.targetPort = targetPort
        state = Mutex((mode, Stats(), [], false))
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = Self.loopback(port: 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && listen(fd, 64) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard ok else {
            close(fd)
            throw NSError(domain: "FlakyProxy", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "cannot listen on 127.0.0.1"])
        }
        listener = fd
        port = UInt16(bigEndian: addr.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The current mode; setting it changes how new connections are treated.
    public var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    public var stats: Stats { state.withLock { $0.stats } }

    /// Resets every open connection.
    public func cutAll() {
        let open = state.withLock { $0.open }
        for fd in open { Self.reset(fd) }
    }

    /// Stops listening and resets every open connection.
    public func stop() {
        let first = state.withLock { s -> Bool in
            defer { s.stopped = true }
            return !s.stopped
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        cutAll()
    }

    deinit { stop() }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let (mode, stopped) = state.withLock { s -> (Mode, Bool) in
                s.stats.accepted += 1
                if s.mode == .refuse { s.stats.refused += 1 }
                return (s.mode, s.stopped)
            }
            if stopped || mode == .refuse {
                Self.reset(client)
                close(client)
                if stopped { return }
                continue
            }
            Thread { [self] in serve(client, mode) }.start()
        }
    }

    private func serve(_ client: Int32, _ mode: Mode) {
        if case .delay(let ms) = mode { usleep(UInt32(ms) * 1000) }
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = Self.loopback(port: targetPort)
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else {
            Self.reset(client)
            close(client)
            close(server)
            return
        }
        state.withLock { _ = $0.open.insert(client); _ = $0.open.insert(server) }
        var limit = Int.max
        if case .cutAfter(let bytes) = mode { limit = bytes }
        let upstream = Thread { Self.pump(from: client, to: server, limit: .max) }
        upstream.start()
        let complete = Self.pump(from: server, to: client, limit: limit)
        if !complete {
            state.withLock { $0.stats.cut += 1 }
            Self.reset(client)
            Self.reset(server)
        } else {
            shutdown(client, Int32(SHUT_WR))
        }
        // Let the other direction notice, then release the descriptors.
        usleep(200_000)
        state.withLock { _ = $0.open.remove(client); _ = $0.open.remove(server) }
        shutdown(server, Int32(SHUT_RDWR))
        shutdown(client, Int32(SHUT_RDWR))
        usleep(100_000)
        close(client)
        close(server)
    }

    /// Copies until end of stream (true) or until `limit` bytes were copied (false).
    @discardableResult
    private static func pump(from: Int32, to: Int32, limit: Int) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        var sent = 0
        while true {
            let want = min(buffer.count, limit - sent)
            if want <= 0 { return false }
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, want) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                shutdown(to, Int32(SHUT_WR))
                return true
            }
            var off = 0
            while off < n {
                let w = buffer.withUnsafeBytes { send(to, $0.baseAddress! + off, n - off, Int32(MSG_NOSIGNAL)) }
                if w <= 0 { return true }
                off += w
            }
            sent += n
        }
    }

    /// Makes the next close send a TCP reset, and shuts the socket down.
    private static func reset(_ fd: Int32) {
        var l = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, socklen_t(MemoryLayout<linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        return addr
    }
}
