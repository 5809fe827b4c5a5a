/// Something wrong with one piece of input. An error: the piece is reported, skipped and
/// counted. A warning: the story is kept without what was wrong (an unreadable date, metadata
/// over its limit), and the warning is reported and counted.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: InputLocation
    public var message: String
    /// Whether the story was kept all the same.
    public var isWarning: Bool

    public init(_ location: InputLocation, _ message: String) {
        self.location = location
        self.message = message
        self.isWarning = false
    }

    /// A problem that does not cost the story.
    public static func warning(_ location: InputLocation, _ message: String) -> InputProblem {
        var problem = InputProblem(location, message)
        problem.isWarning = true
        return problem
    }

    /// `path:line: message` (`path:line: warning: message`), the form compilers use, so
    /// editors can jump to it.
    public var description: String { "\(location): \(isWarning ? "warning: " : "")\(message)" }
}
