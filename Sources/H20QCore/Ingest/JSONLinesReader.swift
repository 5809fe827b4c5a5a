/// Reads JSON Lines: one story object a line; blank lines are skipped.
///
///     {"id": "a1", "title": "Chip curbs", "body": "..."}   -> one story, id "a1"
enum JSONLinesReader {
    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        var lines = LineReader(input)
        let limit = LineReader.defaultLimit >> 20
        try lines.forEachLine(tooLong: { number in
            emit(
                .problem(
                    InputProblem(
                        InputLocation(path: input.location.path, line: number), "line longer than \(limit) MiB, skipped"
                    )))
        }) { number, bytes in
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            let location = InputLocation(path: input.location.path, line: number)
            do throws(InputProblem) {
                let value: JSONValue
                do throws(JSONParseError) {
                    value = try JSONParser.parse(bytes)
                } catch {
                    throw InputProblem(location, "invalid JSON at column \(error.offset + 1): \(error.message)")
                }
                let story = try StoryFields.story(from: value, at: location) {
                    input.fallbackID(item: number, title: $0, body: $1)
                }
                emit(.story(story))
            } catch {
                emit(.problem(error))
            }
        }
    }
}

/// Reads a `.json` document: one story object, or an array of them. Stories are handed on as
/// they are parsed; a syntax error further on is reported at its line after them.
enum JSONDocumentReader {
    static let sizeLimit = 64 << 20

    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        let bytes = try input.readAll(limit: sizeLimit)
        try bytes.withUnsafeBufferPointer { bytes throws(InputProblem) in
            var lines = TextPosition(bytes)
            var item = 0
            do throws(JSONParseError) {
                try JSONParser.forEachElement(bytes) { offset, value in
                    item += 1
                    let location = InputLocation(path: input.location.path, line: lines.line(at: offset))
                    do throws(InputProblem) {
                        emit(
                            .story(
                                try StoryFields.story(from: value, at: location) { [item] in
                                    input.fallbackID(item: item, title: $0, body: $1)
                                }))
                    } catch {
                        emit(.problem(error))
                    }
                }
            } catch {
                let (line, column) = TextPosition.lineAndColumn(of: error.offset, in: bytes)
                throw InputProblem(
                    InputLocation(path: input.location.path, line: line),
                    "invalid JSON at column \(column): \(error.message)")
            }
        }
    }
}

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
