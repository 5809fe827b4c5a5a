/// Where an ingest run stands, for a progress display.
public struct IngestProgress: Sendable {
    public var stories: Int
    public var bytesRead: Int
    /// Total bytes of all inputs, when every input has a known size.
    public var totalBytes: Int?
    public var elapsed: Duration
}
