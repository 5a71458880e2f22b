/// When to poll a repository: a fixed interval plus random jitter after a success, and exponential backoff
/// with a cap after consecutive failures. Pure: the random draw is passed in.
public struct PollPolicy: Sendable, Equatable {
    /// Seconds between polls after a success (Argo CD's default is 120 s).
    public var interval: Double
    /// Up to this many seconds are added at random, so repositories do not poll in lockstep.
    public var jitter: Double
    /// The delay after the first failure; it doubles with each further failure.
    public var backoffBase: Double
    /// The longest delay between attempts while failing.
    public var backoffCap: Double

    public init(interval: Double = 120, jitter: Double = 60, backoffBase: Double = 10, backoffCap: Double = 600) {
        self.interval = interval
        self.jitter = jitter
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
    }

    /// Seconds until the next poll, given how many polls in a row have failed and a draw in `0..<1`.
    public func delay(consecutiveFailures failures: Int, random: Double) -> Double {
        guard failures > 0 else { return interval + jitter * random }
        let exponent = Double(min(failures - 1, 30))
        return min(backoffBase * pow2(exponent), backoffCap)
    }

    private func pow2(_ e: Double) -> Double {
        var v = 1.0
        for _ in 0..<Int(e) { v *= 2 }
        return v
    }
}

/// The time source of the poller, injected so tests control it.
public protocol PollClock: Sendable {
    /// Seconds on a monotonic scale.
    func now() -> Double
    /// Sleeps for a number of seconds (or until cancelled).
    func sleep(seconds: Double) async throws
}

/// The real monotonic clock.
public struct SystemPollClock: PollClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Double {
        let d = ContinuousClock.now - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .seconds(max(0, seconds)))
    }
}
