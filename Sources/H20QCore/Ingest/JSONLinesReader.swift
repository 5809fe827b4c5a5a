/// Reads JSON Lines: one story object a line; blank lines are skipped.
///
///     {"id": "a1", "title": "Chip curbs", "body": "..."}   -> one story, id "a1"
enum JSONLinesReader {
    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        var lines = LineReader(input)
        try lines.forEachLine { number, bytes in
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

/// Reads a `.json` document: one story object, or an array of them.
enum JSONDocumentReader {
    static let sizeLimit = 512 << 20

    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        let bytes = try input.readAll(limit: sizeLimit)
        try bytes.withUnsafeBufferPointer { bytes throws(InputProblem) in
            let elements: [(offset: Int, value: JSONValue)]
            do throws(JSONParseError) {
                elements = try JSONParser.parseElements(bytes)
            } catch {
                let (line, column) = TextPosition.lineAndColumn(of: error.offset, in: bytes)
                throw InputProblem(
                    InputLocation(path: input.location.path, line: line),
                    "invalid JSON at column \(column): \(error.message)")
            }
            var lines = TextPosition(bytes)
            for (index, element) in elements.enumerated() {
                let location = InputLocation(path: input.location.path, line: lines.line(at: element.offset))
                do throws(InputProblem) {
                    emit(.story(try StoryFields.story(from: element.value, at: location) {
                        input.fallbackID(item: index + 1, title: $0, body: $1)
                    }))
                } catch {
                    emit(.problem(error))
                }
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
