import Foundation
import Synchronization

/// A client-side token bucket: `qps` tokens per second, at most `burst` saved up. Each
/// request takes one token, waiting when none is left. Waiting is done by sleeping the
/// calling task, so it never blocks a thread; a cancelled task stops waiting.
public final class RateLimiter: Sendable {
    public let qps: Double
    public let burst: Int
    private let state: Mutex<(tokens: Double, last: Double)>

    /// `qps <= 0` disables limiting.
    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = max(1, burst)
        state = Mutex((Double(max(1, burst)), Self.now()))
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Reserves one token and returns how long to wait before using it. Pure arithmetic over
    /// the given time, so it can be tested without sleeping.
    func reserve(at now: Double) -> Double {
        guard qps > 0 else { return 0 }
        return state.withLock { s in
            s.tokens = min(Double(burst), s.tokens + (now - s.last) * qps)
            s.last = now
            s.tokens -= 1
            return s.tokens >= 0 ? 0 : -s.tokens / qps
        }
    }

    /// Waits for a token.
    public func acquire() async throws(KubeError) {
        let wait = reserve(at: Self.now())
        if wait > 0 {
            do { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) } catch { throw .cancelled(request: nil) }
        }
    }
}
