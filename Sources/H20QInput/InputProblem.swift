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
