/// What one client may take of the daemon. Each has a `serve` flag; the defaults suit a
/// local daemon answering scripts and people.
///
///     ServerLimits().requestLineBytes -> 8192   // a longer request line is a 414
public struct ServerLimits: Sendable, Equatable {
    /// Bytes of the request line (`GET /v1/search?q=… HTTP/1.1`): past it, 414.
    public var requestLineBytes = 8_192
    /// Bytes of the header lines after the request line: past them, 431.
    public var headerBytes = 16_384
    /// Bytes of a request body (no route takes one; it is read and dropped): past them, 413.
    public var bodyBytes = 65_536
    /// Connections served at once; more wait in the listen queue.
    public var connections = 512
    /// Seconds from a request's first byte (or a new connection) to its last: past them, 408
    /// (a new connection that sent nothing is closed without a word).
    public var readTimeout: Double = 10
    /// Seconds a keep-alive connection may wait for its next request.
    public var idleTimeout: Double = 30
    /// The largest `limit` a request may ask for (at most 1,000): more is a 400.
    public var results = QueryAPI.maximumLimit

    public init() {}
}
