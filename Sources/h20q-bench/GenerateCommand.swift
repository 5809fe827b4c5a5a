import ArgumentParser
import Foundation

/// Writes a generated wire archive as JSON Lines (`WireCorpus`), a story at a time: the
/// corpus is never in memory, and the same seed writes the same bytes.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated wire corpus of JSON Lines to standard output.",
        discussion: """
            Fields: id, title, body, source, published. Of the stories, about 24% republish an \
            earlier one (exact copies, new headlines, pasted blocks, paragraphs added or cut, names \
            respelled), 6% follow a routine-story template and 6% follow up an earlier story quoting \
            two of its sentences (related, not the same story), 4% are flashes (a headline alone). \
            --truth writes one line per story: id, the id of the original it republishes (its own \
            id when it is an original), and how it was made, separated by tabs. A summary goes to \
            standard error.
            """)

    @Option(help: "Stories to write.")
    var stories = 10_944

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write the truth file here.", valueName: "path"))
    var truth: String?

    @Flag(
        name: .customLong("url-ids"),
        help: """
            Ids as outlets' addresses (https://cp.example/business/99936bc8e60de51a-17), in no \
            order, instead of source and number (cp-0000017), which come in order.
            """)
    var urlIDs = false

    func validate() throws {
        guard stories >= 0 else { throw ValidationError("--stories must be 0 or more (got \(stories))") }
    }

    func run() throws {
        let corpus = WireCorpus(count: stories, seed: seed)
        var truthFile: UnsafeMutablePointer<FILE>?
        if let truth {
            guard let opened = fopen(truth, "w") else {
                throw ValidationError("cannot write \(truth): \(String(cString: strerror(errno)))")
            }
            truthFile = opened
        }
        let idOf = { [urlIDs] (number: Int) in urlIDs ? corpus.url(of: number) : corpus.id(of: number) }
        var lines = JSONLinesBuffer()
        var truthLines: [UInt8] = []
        var made: [String: Int] = [:]
        var textBytes = 0
        for number in 0..<stories {
            let (story, how) = corpus.story(number)
            let id = idOf(number)
            let body = story.body
            textBytes += story.headline.count + body.count
            made[how, default: 0] += 1
            lines.story(
                id: id, title: story.headline, body: body, source: WireCorpus.sources[corpus.source(of: number)].name,
                published: corpus.published(number))
            if let truthFile {
                truthLines += Array("\(id)\t\(idOf(corpus.original(of: number)))\t\(how)\n".utf8)
                if truthLines.count >= 1 << 16 {
                    fwrite(truthLines, 1, truthLines.count, truthFile)
                    truthLines.removeAll(keepingCapacity: true)
                }
            }
        }
        lines.flush()
        if let truthFile {
            fwrite(truthLines, 1, truthLines.count, truthFile)
            fclose(truthFile)
        }
        // Kinds of story, then each change a republication made, counted once per republication.
        var summary = "stories \(stories), text bytes \(textBytes)"
        let kinds = ["original", "flash", "template", "follow-up"]
        for kind in kinds { summary += ", \(kind) \(made[kind] ?? 0)" }
        let republications = made.filter { !kinds.contains($0.key) }
        summary += ", republication \(republications.values.reduce(0, +))"
        var changes: [String: Int] = [:]
        for (how, count) in republications {
            for change in how.split(separator: "+") { changes[String(change), default: 0] += count }
        }
        for (change, count) in changes.sorted(by: { $0.key < $1.key }) { summary += ", \(change) \(count)" }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
}

/// JSON Lines written to standard output through one buffer.
private struct JSONLinesBuffer {
    private var bytes: [UInt8] = []

    mutating func story(id: String, title: [UInt8], body: [UInt8], source: String, published: Int) {
        bytes += Array(#"{"id":""#.utf8) + Array(id.utf8)
        bytes += Array(#"","title":""#.utf8)
        escape(title)
        bytes += Array(#"","body":""#.utf8)
        escape(body)
        bytes += Array(#"","source":""#.utf8) + Array(source.utf8)
        bytes += Array(#"","published":""#.utf8) + Array(Self.iso8601(published).utf8) + Array("\"}\n".utf8)
        if bytes.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }

    /// Generated text holds no control character but line breaks.
    private mutating func escape(_ text: [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case .lineFeed: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: bytes.append(byte)
            }
        }
    }

    /// `2021-03-04T10:12:00Z` (days to a civil date: Howard Hinnant's algorithm).
    static func iso8601(_ seconds: Int) -> String {
        let days = seconds / 86_400
        let time = seconds % 86_400
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, time / 3600, time / 60 % 60, time % 60)
    }
}
