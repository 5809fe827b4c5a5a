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
                                try StoryFields.story(from: value, at: location, warn: { emit(.problem($0)) }) {
                                    [item] in
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
