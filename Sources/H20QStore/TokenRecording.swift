import CTokenReplay
import GRDB

/// The tokens the full-text tokenizer made of a story's title and body, recorded where the
/// reading thread counts the story's words (`StoryTerms`), so that the writer's full-text
/// insert replays them instead of tokenizing the same text again (`CTokenReplay`). In the
/// format `h20q_token_replay.h` reads: each token's bytes and three varints (a byte each as a
/// rule); a batch's recordings live as long as the batch.
struct TokenRecording: Sendable, Equatable {
    var title: [UInt8]
    var body: [UInt8]
    /// The lengths in bytes of the texts recorded: a recording is replayed only for texts of
    /// these lengths (the stand-in checks that FTS5 tokenizes the very texts queued, not that
    /// the recording is theirs).
    var titleLength: Int
    var bodyLength: Int

    /// The arguments of the porter tokenizer recordings are made with (`RankBlocks.tokenizer`).
    static let porterArguments = RankBlocks.tokenizer.components.dropFirst().joined(separator: " ")

    /// Puts the stand-in tokenizer in front of SQLite's porter on a connection that writes.
    /// Where it cannot, the connection tokenizes as before; nothing else changes.
    static func install(_ db: Database) {
        _ = h20q_token_replay_install(db.sqliteConnection, porterArguments)
    }

    /// Runs `run` (the statement that inserts `title` and `body` into the full-text index)
    /// with this recording queued for them; texts not of the recorded lengths are tokenized.
    func replaying<T>(title: String, body: String, _ run: () throws -> T) rethrows -> T {
        var title = title
        var body = body
        return try title.withUTF8 { titleText in
            try body.withUTF8 { bodyText in
                guard titleText.count == titleLength, bodyText.count == bodyLength else { return try run() }
                return try self.title.withUnsafeBufferPointer { titleTokens in
                    try self.body.withUnsafeBufferPointer { bodyTokens in
                        h20q_token_replay_queue(
                            UnsafeRawPointer(titleText.baseAddress)?.assumingMemoryBound(to: CChar.self),
                            CInt(titleText.count), titleTokens.baseAddress, titleTokens.count)
                        h20q_token_replay_queue(
                            UnsafeRawPointer(bodyText.baseAddress)?.assumingMemoryBound(to: CChar.self),
                            CInt(bodyText.count), bodyTokens.baseAddress, bodyTokens.count)
                        defer { h20q_token_replay_clear() }
                        return try run()
                    }
                }
            }
        }
    }

    /// Texts this thread's connections handed recorded tokens to FTS5 and tokenized, so far.
    static var counts: (replayed: Int, tokenized: Int) {
        var replayed = 0
        var tokenized = 0
        h20q_token_replay_counts(&replayed, &tokenized)
        return (replayed, tokenized)
    }
}

/// Appends tokens to a recording as a tokenizer reports them, into a raw buffer: the
/// tokenizer's callback runs for every token (see `TokenCounter`).
final class TokenRecorder {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var start = 0
    /// Whether a token went back before the one before it: the format cannot hold that
    /// (SQLite's porter never does it), and such a recording is not used.
    private var broken = false

    init() {
        capacity = 1 << 14
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Starts the recording of a new text.
    func begin() {
        count = 0
        start = 0
        broken = false
    }

    /// The recording since `begin`, nil if it cannot be used.
    func finish() -> [UInt8]? {
        broken ? nil : Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    @inline(__always)
    func append(_ token: UnsafeRawBufferPointer, colocated: Bool, start: Int, end: Int) {
        guard start >= self.start, end >= start else {
            broken = true
            return
        }
        // Three varints of at most ten bytes and the token.
        if count + token.count + 30 > capacity { grow(to: count + token.count + 30) }
        var cursor = buffer + count
        Self.varint(UInt(token.count) << 1 | (colocated ? 1 : 0), at: &cursor)
        if let base = token.baseAddress {
            UnsafeMutableRawPointer(cursor).copyMemory(from: base, byteCount: token.count)
            cursor += token.count
        }
        Self.varint(UInt(start - self.start), at: &cursor)
        Self.varint(UInt(end - start), at: &cursor)
        count = cursor - buffer
        self.start = start
    }

    @inline(__always)
    private static func varint(_ value: UInt, at cursor: inout UnsafeMutablePointer<UInt8>) {
        var value = value
        while value >= 0x80 {
            cursor.pointee = UInt8(truncatingIfNeeded: value) | 0x80
            cursor += 1
            value >>= 7
        }
        cursor.pointee = UInt8(value)
        cursor += 1
    }

    private func grow(to minimum: Int) {
        var capacity = self.capacity * 2
        while capacity < minimum { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        self.capacity = capacity
    }
}
