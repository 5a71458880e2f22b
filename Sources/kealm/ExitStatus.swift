import ArgumentParser
import Foundation
import KealmModel

/// The one place where errors become exit statuses (sysexits-style numbers).
///
/// | category | status |
/// |---|---|
/// | usage | 64 | invalid | 65 | notFound | 66 | unavailable | 69 | internal | 70 | conflict | 75 | forbidden | 77 |
enum ExitStatus {
    /// The exit status for an error category.
    static func code(for category: ErrorCategory) -> Int32 {
        switch category {
        case .usage: return 64
        case .invalid: return 65
        case .notFound: return 66
        case .unavailable: return 69
        case .internal: return 70
        case .conflict: return 75
        case .forbidden: return 77
        }
    }

    /// The exit status for any error: a `KealmError`'s category, or 1 for anything else.
    static func code(for error: any Error) -> Int32 {
        if let e = error as? any KealmError { return code(for: e.category) }
        return 1
    }

    /// Prints `error: <message>` on standard error (one line plus an optional hint) and returns the
    /// `ExitCode` to throw from `run()`.
    static func fail(_ error: any Error, hint: String? = nil) -> ExitCode {
        var text = "error: \(error)\n"
        if let hint { text += "hint: \(hint)\n" }
        FileHandle.standardError.write(Data(text.utf8))
        return ExitCode(code(for: error))
    }
}
