import Foundation
import H20QIngest

/// A one-line progress display on standard error, redrawn at most four times a second, and
/// only when standard error is a terminal.
final class ProgressMeter {
    // Used from the ingest thread only.
    private let enabled: Bool
    private var lastDraw: ContinuousClock.Instant?
    private var drawn = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: IngestProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(250) { return }
        lastDraw = now
        let seconds =
            Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int(Double(progress.stories) / seconds) : 0
        var line = "\(progress.stories.grouped) stories, \(rate.grouped)/s"
        if let total = progress.totalBytes, total > 0, progress.bytesRead > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(total))
            let remaining = seconds / fraction - seconds
            line += String(format: ", %d%%, ETA %d:%02d", Int(fraction * 100), Int(remaining) / 60, Int(remaining) % 60)
        }
        Terminal.standardError.write("\r\u{1B}[K" + line)
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        Terminal.standardError.write("\r\u{1B}[K")
        drawn = false
    }
}
