/// Where and why JSON text could not be parsed.
public struct JSONParseError: Error, Equatable, Sendable {
    /// Byte offset into the parsed text, from 0.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}
