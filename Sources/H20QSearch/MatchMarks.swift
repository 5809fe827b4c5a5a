/// Marks the snippet functions put around matched words: characters no text contains.
public enum MatchMarks {
    public static let open: Character = "\u{2}"
    public static let close: Character = "\u{3}"

    /// The text with each marked match rendered by `render`.
    ///
    ///     MatchMarks.render("a \u{2}b\u{3}") { "**\($0)**" } -> "a **b**"
    public static func render(_ text: String, _ render: (Substring) -> String) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(of: open) {
            output += rest[..<start]
            let afterOpen = rest.index(after: start)
            guard let end = rest[afterOpen...].firstIndex(of: close) else {
                rest = rest[afterOpen...]
                break
            }
            output += render(rest[afterOpen..<end])
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// A snippet as `SearchHit` carries it (`**match**`) with each match rendered by `render`.
    ///
    ///     MatchMarks.renderBold("a **b** c") { $0.uppercased() } -> "a B c"
    public static func renderBold(_ snippet: String, _ render: (Substring) -> String) -> String {
        let parts = snippet.components(separatedBy: "**")
        guard parts.count >= 3 else { return snippet }
        var output = ""
        for (index, part) in parts.enumerated() {
            let isMatch = index % 2 == 1 && index < parts.count - 1
            output += isMatch ? render(Substring(part)) : (index % 2 == 1 ? "**" + part : part)
        }
        return output
    }
}
