/// Line numbers of byte offsets, for offsets visited in increasing order.
struct TextPosition {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var lineNumber = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func line(at target: Int) -> Int {
        while offset < min(target, bytes.count) {
            if bytes[offset] == 0x0A { lineNumber += 1 }
            offset += 1
        }
        return lineNumber
    }

    static func lineAndColumn(of target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var position = TextPosition(bytes)
        let line = position.line(at: target)
        let lineStart = bytes[..<min(target, bytes.count)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (line, target - lineStart + 1)
    }
}
