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
