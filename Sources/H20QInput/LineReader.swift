/// Splits a byte stream into lines without holding more than one chunk and one line.
/// `\n` ends a line; a `\r` before it is dropped. A line longer than `limit` is not held: it
/// is skipped and reported, so one runaway line cannot exhaust memory.
struct LineReader {
    private let reader: ByteReader
    private let limit: Int
    private var carry = [UInt8]()

    /// The longest line kept by default: far beyond any story.
    static let defaultLimit = 8 << 20

    init(_ reader: ByteReader, limit: Int = LineReader.defaultLimit) {
        self.reader = reader
        self.limit = limit
    }

    /// Calls `body` with each line's number (from 1) and bytes, and `tooLong` with the number
    /// of each line skipped for its length.
    mutating func forEachLine(
        tooLong: (Int) -> Void,
        _ body: (Int, UnsafeBufferPointer<UInt8>) throws(InputProblem) -> Void
    ) throws(InputProblem) {
        var lineNumber = 0
        var skipping = false
        while let chunk = try reader.nextChunk() {
            var start = 0
            try chunk.withUnsafeBufferPointer { bytes throws(InputProblem) in
                while let newline = bytes[start...].firstIndex(of: 0x0A) {
                    lineNumber += 1
                    if skipping {
                        skipping = false
                        tooLong(lineNumber)
                    } else if carry.isEmpty {
                        try body(lineNumber, Self.trimCR(UnsafeBufferPointer(rebasing: bytes[start..<newline])))
                    } else if carry.count + (newline - start) > limit {
                        carry.removeAll()
                        tooLong(lineNumber)
                    } else {
                        carry.append(contentsOf: bytes[start..<newline])
                        let line = carry
                        carry.removeAll(keepingCapacity: true)
                        try line.withUnsafeBufferPointer { line throws(InputProblem) in
                            try body(lineNumber, Self.trimCR(line))
                        }
                    }
                    start = newline + 1
                }
                if !skipping {
                    carry.append(contentsOf: bytes[start...])
                    if carry.count > limit {
                        carry = []
                        skipping = true
                    }
                }
            }
        }
        if skipping {
            tooLong(lineNumber + 1)
        } else if !carry.isEmpty {
            lineNumber += 1
            let line = carry
            carry.removeAll()
            try line.withUnsafeBufferPointer { line throws(InputProblem) in try body(lineNumber, Self.trimCR(line)) }
        }
    }

    private static func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0D { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}
