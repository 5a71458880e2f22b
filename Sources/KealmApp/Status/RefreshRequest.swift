import Foundation
import KealmModel
import KealmYAML

/// The refresh protocol shared by `kealm refresh`, the webhook and kubectl users: set the
/// annotation `argocd.argoproj.io/refresh: normal|hard`; the controller removes it when done.
public enum RefreshRequest {
    public static let annotation = "argocd.argoproj.io/refresh"

    /// True when the controller has handled a refresh asked for at `requestedAt`: the annotation
    /// is gone and `status.reconciledAt` is not older than the request (RFC 3339, second precision).
    public static func isDone(_ application: YAMLNode, requestedAt: Date) -> Bool {
        if application.annotations[annotation] != nil { return false }
        guard let text = application.string(at: "status", "reconciledAt"), let at = parseRFC3339(text) else { return false }
        return at >= requestedAt.addingTimeInterval(-1)
    }

    static func parseRFC3339(_ s: String) -> Date? {
        Timestamp(rfc3339: s).map { Date(timeIntervalSince1970: TimeInterval($0.seconds)) }
    }
}
