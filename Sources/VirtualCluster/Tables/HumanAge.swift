/// Durations as `kubectl get` shows ages: `45s`, `3m20s`, `17m`, `5h12m`, `2d3h`, `400d`, `3y20d`.
enum HumanAge {
    /// The age of something that happened at `time` (seconds since 1970), seen at `now`.
    static func since(_ time: Double, now: Double) -> String { format(now - time) }

    /// Formats a duration in seconds with the precision kubectl uses for its size.
    static func format(_ d: Double) -> String {
        if d < -1 { return "<invalid>" }
        if d < 0 { return "0s" }
        let seconds = Int(d)
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }
}
