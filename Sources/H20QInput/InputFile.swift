import Foundation

/// One file to read, and how.
public struct InputFile: Sendable, Equatable {
    public var path: String
    public var format: InputFormat
    /// Bytes on disk (nil for standard input): for progress.
    public var size: Int?
    /// The watched file it is (`source_file.id`), when a reindex reads it: its stories are
    /// noted as coming from it.
    package var tracking: Int64?
    /// Ids to give stories instead of the ones read: a reindex keeps the id a story without id
    /// or URL had when its line moved (`path#3` read as `path#4` after a line was inserted).
    package var renames: [String: String] = [:]

    public init(path: String, format: InputFormat, size: Int?) {
        self.path = path
        self.format = format
        self.size = size
    }
}

extension InputFile {
    /// Reads every story of the file, handing each story or problem to `emit` in order with
    /// the bytes read from disk so far; stories come within `StoryLimits`. Returns the bytes
    /// read from disk.
    ///
    /// `stop` is asked before each read from the file (and, while a pipe has nothing to say,
    /// every tenth of a second): once it says true, the file is read no further.
    @discardableResult
    public func read(
        stoppingWhen stop: @escaping @Sendable () -> Bool = { false }, emit: (ReaderEvent, _ bytesRead: Int) -> Void
    ) -> Int {
        let input: ByteReader
        do throws(InputProblem) {
            input = try ByteReader(path: path, stoppingWhen: stop)
        } catch {
            emit(.problem(error), 0)
            return 0
        }
        do throws(InputProblem) {
            try format.read(input) { event in
                guard case .story(let story) = event else { return emit(event, input.bytesRead) }
                let (checked, problems) = StoryLimits.check(story)
                for problem in problems { emit(.problem(problem), input.bytesRead) }
                if let checked { emit(.story(checked), input.bytesRead) }
            }
        } catch {
            emit(.problem(error), input.bytesRead)
        }
        return input.bytesRead
    }
}

extension InputFile {
    /// How the ids a reader makes up for this file's stories without id or url begin: its real
    /// path (escaped as `ByteReader.fallbackID` escapes it) and `#`.
    package var madeUpIDPrefix: String? {
        guard path != "-", let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved).percentEscapingControlCharacters + "#"
    }
}
