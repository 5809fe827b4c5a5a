import H20QDedup

/// Markdown markup removed, one line at a time: what a reader of the rendered page sees.
///
///     "## [Chips](https://x.example) are **scarce**" -> "Chips are scarce"
enum MarkdownText {
    static func plainLines(_ lines: [Substring]) -> [Substring] {
        var result = [Substring]()
        var inFence = false
        for line in lines {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                result.append("")
                continue
            }
            if inFence {
                result.append(line)
                continue
            }
            // Reference definitions: [id]: https://...
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]"),
                trimmed[trimmed.index(after: close)...].hasPrefix(":")
            {
                result.append("")
                continue
            }
            result.append(Substring(plain(String(line))))
        }
        return result
    }

    static func plain(_ line: String) -> String {
        var text = Substring(line)
        // Block markers: headings, quotes.
        while let first = text.first, first == "#" || first == ">" {
            text = text.dropFirst()
        }
        if text.count < line.count { text = text.trimmingSpaces }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "!" where text[index...].dropFirst().first == "[":
                index = text.index(after: index)
                continue
            case "[":
                // [label](target) or [label][ref]: keep the label.
                if let close = text[index...].firstIndex(of: "]") {
                    let label = text[text.index(after: index)..<close]
                    let after = text.index(after: close)
                    if after < text.endIndex, text[after] == "(", let end = text[after...].firstIndex(of: ")") {
                        output += label
                        index = text.index(after: end)
                        continue
                    }
                    if after < text.endIndex, text[after] == "[", let end = text[after...].firstIndex(of: "]") {
                        output += label
                        index = text.index(after: end)
                        continue
                    }
                }
                output.append(character)
            case "*", "`":
                break
            case "_" where isBoundary(text, before: index) || isBoundary(text, after: index):
                break
            default:
                output.append(character)
            }
            index = text.index(after: index)
        }
        return output
    }

    private static func isBoundary(_ text: Substring, before index: Substring.Index) -> Bool {
        index == text.startIndex || !text[text.index(before: index)].isLetter
    }

    private static func isBoundary(_ text: Substring, after index: Substring.Index) -> Bool {
        let next = text.index(after: index)
        return next == text.endIndex || !text[next].isLetter
    }
}
