/// Where a story or a problem came from: a file (or standard input) and, where it means
/// something, a line.
public struct InputLocation: Sendable, Hashable, CustomStringConvertible {
    /// The path as the user gave it, or `-` for standard input.
    public var path: String
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// `path:line`, or just `path`; standard input shows as `<stdin>`.
    public var description: String {
        let name = path == "-" ? "<stdin>" : path
        return line.map { "\(name):\($0)" } ?? name
    }
}

/// A story as a reader found it, before duplicate detection.
public struct IncomingStory: Sendable, Equatable {
    public var id: String
    public var title: String
    public var body: String
    public var source: String?
    public var url: String?
    public var published: PublishedDate?
    /// Fields the reader did not map, as a JSON object; nil when there are none.
    public var metadata: JSONValue?
    public var location: InputLocation

    /// Control characters are dropped from every field (line breaks and tabs of the body
    /// kept): a NUL would cut the text short in SQLite, an escape sequence would reach
    /// terminals.
    public init(
        id: String, title: String, body: String, source: String? = nil, url: String? = nil,
        published: PublishedDate? = nil, metadata: JSONValue? = nil, location: InputLocation
    ) {
        self.id = id.escapingControlCharacters
        self.title = title.withoutControlCharacters(keepingLines: false)
        self.body = body.withoutControlCharacters(keepingLines: true)
        self.source = source?.withoutControlCharacters(keepingLines: false)
        self.url = url?.withoutControlCharacters(keepingLines: false)
        self.published = published
        self.metadata = metadata?.withoutControlCharacters
        self.location = location
    }
}

extension String {
    /// The text without C0/C1 control characters; with `keepingLines`, tabs and line breaks
    /// stay (a CR LF or lone CR becomes LF), otherwise they become spaces.
    ///
    ///     "a\u{0}b\u{1B}[1mc\r\nd".withoutControlCharacters(keepingLines: true) -> "ab[1mc\nd"
    func withoutControlCharacters(keepingLines: Bool) -> String {
        func isControl(_ value: UInt32) -> Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
        guard needsControlCleanup(keepingLines: keepingLines) else { return self }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r":
                continue
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}":
                // Line and page breaks of every kind: vertical tab, form feed, next line.
                result.append(keepingLines ? "\n" : " ")
            case "\t":
                result.append(keepingLines ? "\t" : " ")
            case _ where isControl(scalar.value):
                continue
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}

extension String {
    /// The text with control characters written as `%XX` (their code point), so that ids that
    /// differ only by them stay different.
    ///
    ///     "a\u{0}b" -> "a%00b"
    var escapingControlCharacters: String {
        guard needsControlCleanup(keepingLines: false) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether the text holds a control character that `withoutControlCharacters` would
    /// change, found on the UTF-8 bytes (C1 controls are 0xC2 0x80...0x9F there).
    func needsControlCleanup(keepingLines: Bool) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                switch byte {
                case 0x0A, 0x09: if !keepingLines { return true }
                case 0..<0x20, 0x7F: return true
                case 0x80...0x9F where previous == 0xC2: return true
                default: break
                }
                previous = byte
            }
            return false
        }
    }
}

extension JSONValue {
    /// The value with control characters dropped from every string in it.
    var withoutControlCharacters: JSONValue {
        guard hasControlCharacters else { return self }
        switch self {
        case .string(let text): return .string(text.withoutControlCharacters(keepingLines: true))
        case .array(let items): return .array(items.map(\.withoutControlCharacters))
        case .object(let members):
            return .object(
                members.map {
                    ($0.key.withoutControlCharacters(keepingLines: false), $0.value.withoutControlCharacters)
                })
        default: return self
        }
    }

    /// Whether a string anywhere in the value holds a control character (most hold none, and
    /// are then kept as they are, without a copy).
    private var hasControlCharacters: Bool {
        switch self {
        case .string(let text): return text.needsControlCleanup(keepingLines: true)
        case .array(let items): return items.contains(where: \.hasControlCharacters)
        case .object(let members):
            return members.contains { $0.key.needsControlCleanup(keepingLines: false) || $0.value.hasControlCharacters }
        default: return false
        }
    }
}

/// Something wrong with one piece of input: reported, skipped, and counted.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: InputLocation
    public var message: String

    public init(_ location: InputLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `path:line: message`, the form compilers use, so editors can jump to it.
    public var description: String { "\(location): \(message)" }
}

/// What readers hand on: a story, or a problem with a piece of input.
public enum ReaderEvent: Sendable {
    case story(IncomingStory)
    case problem(InputProblem)
}
