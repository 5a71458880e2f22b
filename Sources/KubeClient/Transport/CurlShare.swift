import CCurl
import Foundation

private let curlGlobal: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

/// Process-wide libcurl initialisation, done once (lazily initialised global).
enum CurlRuntime {
    static func initialize() { _ = curlGlobal }
}

/// A libcurl share handle: the DNS cache and TLS session cache shared by every easy handle
/// of one transport, guarded by one mutex per shared data kind. (libcurl does not support
/// sharing the connection cache between concurrent threads; connections are reused by
/// keeping easy handles alive in `EasyHandlePool` instead.)
final class CurlShare: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    fileprivate let locks: UnsafeMutablePointer<pthread_mutex_t>
    fileprivate static let lockCount = Int(CURL_LOCK_DATA_LAST.rawValue) + 1

    init() {
        CurlRuntime.initialize()
        handle = curl_share_init()
        locks = .allocate(capacity: Self.lockCount)
        for i in 0..<Self.lockCount { pthread_mutex_init(locks + i, nil) }
        _ = ccurl_share_setopt_pointer(handle, CURLSHOPT_USERDATA, UnsafeMutableRawPointer(locks))
        _ = ccurl_share_setopt_lockfunc(handle, shareLock)
        _ = ccurl_share_setopt_unlockfunc(handle, shareUnlock)
        _ = ccurl_share_setopt_long(handle, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_DNS.rawValue))
        _ = ccurl_share_setopt_long(handle, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_SSL_SESSION.rawValue))
    }

    deinit {
        curl_share_cleanup(handle)
        for i in 0..<Self.lockCount { pthread_mutex_destroy(locks + i) }
        locks.deallocate()
    }
}

private func shareLock(_ h: UnsafeMutableRawPointer?, _ data: curl_lock_data, _ access: curl_lock_access, _ user: UnsafeMutableRawPointer?) {
    let locks = user!.assumingMemoryBound(to: pthread_mutex_t.self)
    pthread_mutex_lock(locks + min(Int(data.rawValue), CurlShare.lockCount - 1))
}

private func shareUnlock(_ h: UnsafeMutableRawPointer?, _ data: curl_lock_data, _ user: UnsafeMutableRawPointer?) {
    let locks = user!.assumingMemoryBound(to: pthread_mutex_t.self)
    pthread_mutex_unlock(locks + min(Int(data.rawValue), CurlShare.lockCount - 1))
}

/// Idle easy handles kept for reuse. An easy handle keeps its live connections across
/// `curl_easy_reset`, so taking a handle from the pool reuses a warm (HTTP/2 or keep-alive)
/// connection to the server.
final class EasyHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []
    let share: CurlShare
    let maxIdle: Int

    init(share: CurlShare, maxIdle: Int) {
        self.share = share
        self.maxIdle = maxIdle
    }

    /// A reset handle attached to the share.
    func take() -> UnsafeMutableRawPointer {
        lock.lock()
        let h = idle.popLast()
        lock.unlock()
        if let h {
            curl_easy_reset(h)
            _ = ccurl_setopt_share(h, share.handle)
            return h
        }
        let fresh = curl_easy_init()!
        _ = ccurl_setopt_share(fresh, share.handle)
        return fresh
    }

    /// Returns a handle after its transfer; closes it when the pool is full or it failed.
    func give(_ h: UnsafeMutableRawPointer, reusable: Bool) {
        lock.lock()
        if reusable && idle.count < maxIdle {
            idle.append(h)
            lock.unlock()
            return
        }
        lock.unlock()
        curl_easy_cleanup(h)
    }

    deinit { for h in idle { curl_easy_cleanup(h) } }
}
