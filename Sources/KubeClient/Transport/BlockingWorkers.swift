import Foundation
import Synchronization

/// A small pool of dedicated threads for blocking libcurl calls, so that `curl_easy_perform`
/// never occupies a thread of Swift's cooperative pool (two threads on a two-core machine).
/// Threads are started on demand up to `maxThreads` and stay for the life of the pool.
final class BlockingWorkers: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var idle = 0
    private var started = 0
    let maxThreads: Int
    let name: String

    init(name: String, maxThreads: Int) {
        self.name = name
        self.maxThreads = max(1, maxThreads)
    }

    /// Runs `job` on a worker thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        if idle == 0 && started < maxThreads {
            started += 1
            let t = Thread { [self] in loop() }
            t.name = "\(name)-\(started)"
            t.stackSize = 1 << 20
            t.start()
        } else {
            condition.signal()
        }
        condition.unlock()
    }

    /// Runs a blocking function on a worker and awaits its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(KubeError) -> T) async throws(KubeError) -> T {
        let result: Result<T, KubeError> = await withCheckedContinuation { cont in
            submit {
                do throws(KubeError) { cont.resume(returning: .success(try body())) } catch {
                    cont.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    private func loop() {
        while true {
            condition.lock()
            idle += 1
            while jobs.isEmpty { condition.wait() }
            idle -= 1
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// A flag set once when a transfer must stop; checked from libcurl callbacks on worker threads.
final class CancelFlag: Sendable {
    private let state = Mutex(false)
    func cancel() { state.withLock { $0 = true } }
    var isCancelled: Bool { state.withLock { $0 } }
}
