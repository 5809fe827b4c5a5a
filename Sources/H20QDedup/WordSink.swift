/// Receives normalized words a byte at a time: `append` for each byte of a word, then
/// `endWord` (never for an empty word).
public protocol WordSink {
    mutating func append(_ byte: UInt8)
    mutating func endWord()
}
