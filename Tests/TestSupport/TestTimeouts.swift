import Foundation

/// How much longer than its nominal timeout an integration test waits before giving up.
///
/// The suite runs many servers, agents and controllers at once; on a loaded 2-core CI machine they
/// are several times slower than on a quiet one. Waiting longer never slows a passing test, it only
/// delays the report of a real failure, so every `eventually`/`waitFor` helper scales its timeout by
/// this factor. `KEALM_TEST_TIMEOUT_SCALE` overrides it (default 4).
public enum TestTimeouts {
    public static let scale: Double = {
        if let s = ProcessInfo.processInfo.environment["KEALM_TEST_TIMEOUT_SCALE"], let v = Double(s), v > 0 { return v }
        return 4
    }()

    /// `seconds` times the scale.
    public static func scaled(_ seconds: Double) -> Double { seconds * scale }
}
