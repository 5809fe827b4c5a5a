/// Splits a byte stream into lines without holding more than one chunk and one line.
/// `\n` ends a line; a `\r` before it is dropped.
struct LineReader {
    private let reader: ByteReader
    private var carry = [UInt8]()

    init(_ reader: ByteReader) {
        self.reader = reader
    }

    /// Calls `body` with each line's number (from 1) and bytes.
    mutating func forEachLine(
        _ body: (Int, UnsafeBufferPointer<UInt8>) throws(InputProblem) -> Void
    ) throws(InputProblem) {
        var lineNumber = 0
        while let chunk = try reader.nextChunk() {
            var start = 0
            try chunk.withUnsafeBufferPointer { bytes throws(InputProblem) in
                while let newline = bytes[start...].firstIndex(of: 0x0A) {
                    lineNumber += 1
                    if carry.isEmpty {
                        try body(lineNumber, Self.trimCR(UnsafeBufferPointer(rebasing: bytes[start..<newline])))
                    } else {
                        carry.append(contentsOf: bytes[start..<newline])
                        let line = carry
                        carry.removeAll(keepingCapacity: true)
                        try line.withUnsafeBufferPointer { line throws(InputProblem) in try body(lineNumber, Self.trimCR(line)) }
                    }
                    start = newline + 1
                }
                carry.append(contentsOf: bytes[start...])
            }
        }
        if !carry.isEmpty {
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
