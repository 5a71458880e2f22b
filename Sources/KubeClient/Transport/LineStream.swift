import Foundation

extension CurlTransport {
    /// Streams the body of a long-running request (a watch) as complete lines, without the
    /// newline. The transfer runs on its own thread for as long as the stream lives; ending
    /// the consuming loop (or cancelling its task) aborts it within about a second. A non-2xx
    /// answer ends the stream with the decoded `KubeError`; a transport failure or an idle
    /// timeout with a transport `KubeError`; a server that closes the stream ends it normally.
    public func lines(_ request: HTTPRequest) -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, cont) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let flag = CancelFlag()
        cont.onTermination = { _ in flag.cancel() }
        let limit = TransferLimit.idle(connect: options.connectTimeout, idle: options.watchIdleTimeout)
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            let onData: ([UInt8]) -> Bool = { chunk in
                var start = 0
                for (i, b) in chunk.enumerated() where b == 0x0A {
                    pending.append(contentsOf: chunk[start..<i])
                    if !pending.isEmpty { cont.yield(pending) }
                    pending.removeAll(keepingCapacity: true)
                    start = i + 1
                }
                pending.append(contentsOf: chunk[start...])
                return !flag.isCancelled
            }
            do throws(KubeError) {
                var response = try perform(request, limit: limit, flag: flag, onData: onData)
                if response.status == 401 && auth.canRefresh {
                    auth.invalidate()
                    response = try perform(request, limit: limit, flag: flag, onData: onData)
                }
                if !(200..<300).contains(response.status) {
                    cont.finish(throwing: KubeError.fromResponse(response, request: request))
                    return
                }
                if !pending.isEmpty { cont.yield(pending) }
                cont.finish()
            } catch {
                cont.finish(throwing: error)
            }
        }
        thread.name = "kube-watch"
        thread.stackSize = 1 << 20
        thread.start()
        return stream
    }
}
