/// Reads JSON Lines: one story object a line; blank lines are skipped.
///
///     {"id": "a1", "title": "Chip curbs", "body": "..."}   -> one story, id "a1"
enum JSONLinesReader {
    static func read(_ input: ByteReader, emit: (ReaderEvent) -> Void) throws(InputProblem) {
        var lines = LineReader(input)
        let limit = LineReader.defaultLimit >> 20
        let tooLong = { (number: Int) in
            emit(
                .problem(
                    InputProblem(
                        InputLocation(path: input.location.path, line: number), "line longer than \(limit) MiB, skipped"
                    )))
        }
        try lines.forEachLine(tooLong: tooLong) { number, bytes in
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            let location = InputLocation(path: input.location.path, line: number)
            do throws(InputProblem) {
                let value: JSONValue
                do throws(JSONParseError) {
                    value = try JSONParser.parse(bytes)
                } catch {
                    throw InputProblem(location, "invalid JSON at column \(error.offset + 1): \(error.message)")
                }
                let story = try StoryFields.story(from: value, at: location, warn: { emit(.problem($0)) }) {
                    input.fallbackID(item: number, title: $0, body: $1)
                }
                emit(.story(story))
            } catch {
                emit(.problem(error))
            }
        }
    }
}
