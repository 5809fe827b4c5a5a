/// A query that cannot be searched, with what is wrong in words.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
