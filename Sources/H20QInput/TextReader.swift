import H20QDedup

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
        // Lines end at LF, CR LF or a lone CR. (A Swift `Character` "\r\n" is one character,
        // so splitting on "\n" alone would leave a CR LF file one long line.)
        var lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        ).map {
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
                    try StoryFields.story(from: .object(object), at: location, warn: { emit(.problem($0)) }) {
                        input.fallbackID(item: nil, title: $0, body: $1)
                    }))
        } catch {
            emit(.problem(error))
        }
    }
}
