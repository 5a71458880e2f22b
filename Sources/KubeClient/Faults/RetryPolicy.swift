/// When and how long to wait before trying a failed request again.
///
/// Retried: `429 Too Many Requests` (the server did not run the request, so every verb is safe),
/// and, for idempotent requests only unless `retryNonIdempotent` is set, `5xx` answers and
/// transport failures (connection refused or reset, timeouts). The delay grows exponentially
/// from `baseDelay` up to `maxDelay` with ± `jitter` spread; a `Retry-After` from the server
/// (header or `details.retryAfterSeconds`) replaces the computed delay, capped at `maxRetryAfter`.
public struct RetryPolicy: Sendable, Hashable {
    /// Total tries, the first included. 1 disables retries.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// Fraction of the delay added or removed at random (0.2 = ±20 %).
    public var jitter: Double
    public var maxRetryAfter: Double
    /// Also retry POST and non-apply PATCH after 5xx and transport failures.
    public var retryNonIdempotent: Bool

    public init(
        maxAttempts: Int = 5, baseDelay: Double = 0.2, maxDelay: Double = 10, jitter: Double = 0.2,
        maxRetryAfter: Double = 60, retryNonIdempotent: Bool = false
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
        self.retryNonIdempotent = retryNonIdempotent
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// True when the error after `attempt` tries (1-based) is worth another try.
    public func shouldRetry(_ error: KubeError, attempt: Int, idempotent: Bool) -> Bool {
        guard attempt < maxAttempts else { return false }
        switch error.kind {
        case .cancelled, .config, .decode: return false
        case .transport: return error.category == .unavailable && (idempotent || retryNonIdempotent)
        case .status:
            if error.code == 429 { return true }
            if error.code >= 500 || error.code == 408 { return idempotent || retryNonIdempotent }
            return false
        }
    }

    /// Seconds to wait before try `attempt + 1`; `unit` is a random number in [0, 1).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, unit: Double) -> Double {
        if let retryAfter, retryAfter > 0 { return min(retryAfter, maxRetryAfter) }
        let exp = baseDelay * Double(1 << min(max(attempt - 1, 0), 30))
        let capped = min(exp, maxDelay)
        return max(0, capped * (1 + jitter * (2 * unit - 1)))
    }
}
