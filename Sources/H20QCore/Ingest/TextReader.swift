/// Reads a plain-text or Markdown story: the first non-empty line is the title, the rest the
/// body. An optional front-matter block at the top sets fields:
///
///     ---
///     id: ministry-2025-08-13
///     source: Daily Wire Digest
///     published: 2025-08-13T09:30:00Z
///     ---
///     # Title line
///     Body...
///
/// Keys `id`, `title`, `source`, `url`, `published` map to the story; any other key is kept as
/// metadata. Markdown loses its markup: heading marks, link targets, images, emphasis, code
/// fences, so that only the words people read are indexed.
enum TextReader {
    static let sizeLimit = 16 << 20

    static func read(_ input: ByteReader, markdown: Bool, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        let text = String(decoding: try input.readAll(limit: sizeLimit), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        let path = input.location.path
        var fields = [(key: String, value: String)]()
        var bodyStartLine = 1
        if lines.first?.trimmingSpaces == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingSpaces == "---" })
        {
            for (offset, line) in lines[1..<end].enumerated() where !line.trimmingSpaces.isEmpty {
                guard let colon = line.firstIndex(of: ":") else {
                    emit(
                        .problem(
                            InputProblem(
                                InputLocation(path: path, line: offset + 2), "front matter line is not `key: value`")))
                    return
                }
                let key = line[..<colon].trimmingSpaces.lowercased()
                var value = String(line[line.index(after: colon)...].trimmingSpaces)
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = String(value.dropFirst().dropLast())
                }
                fields.append((key, value))
            }
            bodyStartLine = end + 2
            lines.removeSubrange(0...end)
        }
        if markdown { lines = MarkdownText.plainLines(lines) }
        let firstLine = lines.firstIndex(where: { !$0.trimmingSpaces.isEmpty })
        var object: [(key: String, value: JSONValue)] = fields.map { ($0.key, .string($0.value)) }
        var bodyLines = lines[...]
        if !fields.contains(where: { $0.key == "title" }), let firstLine {
            // No title in the front matter: the first line is the title.
            object.append(("title", .string(String(lines[firstLine].trimmingSpaces))))
            bodyLines = lines[(firstLine + 1)...]
        }
        object.append(("body", .string(String(bodyLines.joined(separator: "\n").trimmingSpaces))))
        let location = InputLocation(path: path, line: firstLine.map { bodyStartLine + $0 })
        do {
            emit(
                .story(
                    try StoryFields.story(from: .object(object), at: location) {
                        input.fallbackID(item: nil, title: $0, body: $1)
                    }))
        } catch {
            emit(.problem(error))
        }
    }
}

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
