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

    public init(
        id: String, title: String, body: String, source: String? = nil, url: String? = nil,
        published: PublishedDate? = nil, metadata: JSONValue? = nil, location: InputLocation
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.source = source
        self.url = url
        self.published = published
        self.metadata = metadata
        self.location = location
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
