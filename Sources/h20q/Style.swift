import Foundation

/// Text styling that happens only where it can be seen.
struct Style {
    let enabled: Bool

    static let standardOutput = Style(enabled: Terminal.standardOutput.allowsStyle)

    func bold(_ text: some StringProtocol) -> String {
        enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : String(text)
    }

    func dim(_ text: some StringProtocol) -> String {
        enabled ? "\u{1B}[2m\(text)\u{1B}[0m" : String(text)
    }
}

extension Optional where Wrapped == String {
    /// The date part of a published time, or "undated".
    var day: String {
        guard let self else { return "undated" }
        return String(self.prefix(10))
    }
}

/// `value` with two decimals: 0.91.
func decimal(_ value: Double) -> String {
    String(format: "%.2f", value)
}
