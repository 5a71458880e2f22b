import Dispatch

/// A serial executor on a dedicated dispatch queue, so that blocking libgit2 calls (clone, fetch) never
/// occupy the small cooperative thread pool. (`DispatchSerialQueue` does not exist on Linux.)
final class QueueExecutor: SerialExecutor, @unchecked Sendable {
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
