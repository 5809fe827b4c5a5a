import Foundation

/// Reads the part of YAML that docs/openapi.yaml is written in, into the values
/// `JSONSerialization` gives (`[String: Any]`, `[Any]`, `String`; every scalar a string): block
/// mappings and `- ` sequences by indentation, one-line flow collections (`{a: b, c: [d, e]}`),
/// `- key: value` items, plain and quoted scalars, folded (`>`) and literal (`|`) blocks, comments. Anything else
/// (anchors, aliases, tags, multi-line flow collections) is an error, so that the document
/// cannot quietly say more than this reader understands. Yams is not a dependency, and a
/// test of the document needs no more.
///
///     try YAMLReader.parse("a: {b: [1, \"x y\"]}") -> ["a": ["b": ["1", "x y"]]]
struct YAMLReader {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private struct Line {
        var number: Int
        var indent: Int
        var text: String
    }

    private var lines: [Line] = []
    private var position = 0

    static func parse(_ text: String) throws(Failure) -> Any {
        var reader = YAMLReader()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let content = Self.withoutComment(String(line.dropFirst(indent)))
            guard !content.isEmpty else { continue }
            guard !line.hasPrefix("\t") else { throw Failure(line: offset + 1, reason: "a tab indents") }
            reader.lines.append(Line(number: offset + 1, indent: indent, text: content))
        }
        guard let first = reader.lines.first else { return [String: Any]() }
        let value = try reader.block(indent: first.indent)
        if reader.position < reader.lines.count {
            let line = reader.lines[reader.position]
            throw Failure(line: line.number, reason: "unexpected indentation")
        }
        return value
    }

    /// `text` without a trailing comment (`#` at the start or after a space, outside quotes)
    /// and trailing spaces.
    private static func withoutComment(_ text: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var kept = ""
        for character in text {
            if let open = quote {
                if character == open && previous != "\\" { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == "{" || previous == "[" || previous == "," || previous == ":" {
                    quote = character
                }
            } else if character == "#" && previous == " " {
                break
            }
            kept.append(character)
            previous = character
        }
        while kept.last == " " { kept.removeLast() }
        return kept
    }

    /// The mapping or sequence whose lines start at `indent`.
    private mutating func block(indent: Int) throws(Failure) -> Any {
        let first = lines[position]
        if first.text == "-" || first.text.hasPrefix("- ") {
            var items: [Any] = []
            while position < lines.count, lines[position].indent == indent,
                lines[position].text == "-" || lines[position].text.hasPrefix("- ")
            {
                let line = lines[position]
                let rest = String(line.text.dropFirst(1).drop { $0 == " " })
                if rest.isEmpty {
                    position += 1
                    items.append(try nested(below: indent, line: line))
                } else if Self.separator(in: rest) != nil && !rest.hasPrefix("{") && !rest.hasPrefix("[") {
                    // `- key: value`: a mapping whose keys line up with this first one.
                    let inner = indent + line.text.count - rest.count
                    lines[position] = Line(number: line.number, indent: inner, text: rest)
                    items.append(try block(indent: inner))
                } else {
                    position += 1
                    items.append(try inline(rest, line: line))
                }
            }
            return items
        }
        var mapping: [String: Any] = [:]
        while position < lines.count, lines[position].indent == indent {
            let line = lines[position]
            guard let colon = Self.separator(in: line.text) else {
                throw Failure(line: line.number, reason: "expected `key: value`")
            }
            let key = try Self.scalar(String(line.text[..<colon]), line: line)
            let rest = String(line.text[line.text.index(after: colon)...].drop { $0 == " " })
            position += 1
            guard mapping[key] == nil else { throw Failure(line: line.number, reason: "\(key) given twice") }
            switch rest {
            case "":
                // A sequence may sit at its key's own indentation.
                if position < lines.count, lines[position].indent == indent, lines[position].text.hasPrefix("- ") {
                    mapping[key] = try block(indent: indent)
                } else {
                    mapping[key] = try nested(below: indent, line: line)
                }
            case ">", ">-", "|", "|-":
                var parts: [String] = []
                while position < lines.count, lines[position].indent > indent {
                    parts.append(lines[position].text)
                    position += 1
                }
                mapping[key] = parts.joined(separator: rest.hasPrefix(">") ? " " : "\n")
            default:
                mapping[key] = try inline(rest, line: line)
            }
        }
        if position < lines.count, lines[position].indent > indent {
            throw Failure(line: lines[position].number, reason: "unexpected indentation")
        }
        return mapping
    }

    /// The block under `line`, more indented than it; an empty value when there is none.
    private mutating func nested(below indent: Int, line: Line) throws(Failure) -> Any {
        guard position < lines.count, lines[position].indent > indent else { return "" }
        return try block(indent: lines[position].indent)
    }

    /// Where a `key: value` line's colon is: the first `:` outside quotes and brackets that
    /// ends the line or is followed by a space.
    private static func separator(in text: String) -> String.Index? {
        var quote: Character?
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if let open = quote {
                if character == "\\" && open == "\"" && next < text.endIndex {
                    index = text.index(after: next)
                    continue
                }
                if character == open { quote = nil }
            } else {
                switch character {
                case "\"", "'": quote = character
                case "{", "[": depth += 1
                case "}", "]": depth -= 1
                case ":" where depth == 0 && (next == text.endIndex || text[next] == " "): return index
                default: break
                }
            }
            index = next
        }
        return nil
    }

    /// A value on one line: a flow collection or a scalar.
    private func inline(_ text: String, line: Line) throws(Failure) -> Any {
        if text.hasPrefix("&") || text.hasPrefix("*") || text.hasPrefix("!") {
            throw Failure(line: line.number, reason: "anchors, aliases and tags are not read")
        }
        guard text.hasPrefix("{") || text.hasPrefix("[") else { return try Self.scalar(text, line: line) }
        var flow = FlowScanner(characters: Array(text), line: line.number)
        let value = try flow.value()
        flow.skipSpaces()
        guard flow.atEnd else { throw Failure(line: line.number, reason: "text after a flow collection") }
        return value
    }

    /// A plain or quoted scalar, as a string.
    private static func scalar(_ text: String, line: Line) throws(Failure) -> String {
        try scalar(text, lineNumber: line.number)
    }

    fileprivate static func scalar(_ text: String, lineNumber: Int) throws(Failure) -> String {
        let text = text.trimmingSpaces
        guard let open = text.first, open == "\"" || open == "'" else { return text }
        guard text.count >= 2, text.last == open else {
            throw Failure(line: lineNumber, reason: "an unclosed quote")
        }
        let inner = text.dropFirst().dropLast()
        if open == "'" { return inner.replacingOccurrences(of: "''", with: "'") }
        var output = ""
        var escaped = false
        for character in inner {
            if escaped {
                switch character {
                case "n": output.append("\n")
                case "t": output.append("\t")
                default: output.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                output.append(character)
            }
        }
        return output
    }

    /// Reads `{…}` and `[…]` a character at a time; plain scalars inside end at `,`, `}`, `]`,
    /// and a key at `: `.
    private struct FlowScanner {
        var characters: [Character]
        var line: Int
        var index = 0

        var atEnd: Bool { index >= characters.count }

        mutating func skipSpaces() {
            while !atEnd, characters[index] == " " { index += 1 }
        }

        mutating func value() throws(Failure) -> Any {
            skipSpaces()
            guard !atEnd else { throw Failure(line: line, reason: "a flow collection ends early") }
            switch characters[index] {
            case "{":
                index += 1
                var mapping: [String: Any] = [:]
                while true {
                    skipSpaces()
                    if !atEnd, characters[index] == "}" {
                        index += 1
                        return mapping
                    }
                    let key = try scalar(isKey: true)
                    skipSpaces()
                    guard !atEnd, characters[index] == ":" else {
                        throw Failure(line: line, reason: "expected : after \(key)")
                    }
                    index += 1
                    guard mapping[key] == nil else { throw Failure(line: line, reason: "\(key) given twice") }
                    mapping[key] = try value()
                    try endOfItem(closing: "}")
                }
            case "[":
                index += 1
                var items: [Any] = []
                while true {
                    skipSpaces()
                    if !atEnd, characters[index] == "]" {
                        index += 1
                        return items
                    }
                    items.append(try value())
                    try endOfItem(closing: "]")
                }
            default:
                return try scalar(isKey: false)
            }
        }

        /// After an item: a comma, or the closing bracket (left for the caller).
        private mutating func endOfItem(closing: Character) throws(Failure) {
            skipSpaces()
            guard !atEnd else { throw Failure(line: line, reason: "a flow collection is not closed") }
            if characters[index] == "," {
                index += 1
            } else if characters[index] != closing {
                throw Failure(line: line, reason: "expected , or \(closing)")
            }
        }

        private mutating func scalar(isKey: Bool) throws(Failure) -> String {
            skipSpaces()
            let start = index
            if !atEnd, characters[index] == "\"" || characters[index] == "'" {
                let quote = characters[index]
                index += 1
                while !atEnd, characters[index] != quote {
                    if characters[index] == "\\" && quote == "\"" { index += 1 }
                    index += 1
                }
                guard !atEnd else { throw Failure(line: line, reason: "an unclosed quote") }
                index += 1
                return try YAMLReader.scalar(String(characters[start..<index]), lineNumber: line)
            }
            while !atEnd {
                let character = characters[index]
                if character == "," || character == "}" || character == "]" { break }
                if character == ":" && (index + 1 == characters.count || characters[index + 1] == " ") {
                    if isKey { break }
                    throw Failure(line: line, reason: "`: ` inside a plain scalar (quote it)")
                }
                if character == "{" || character == "[" {
                    throw Failure(line: line, reason: "a bracket inside a plain scalar (quote it)")
                }
                index += 1
            }
            return String(characters[start..<index]).trimmingSpaces
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
