import ArgumentParser
import Foundation
import H20QIngest
import H20QInput
import H20QSearch
import H20QStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add stories to the index, folding duplicates.",
        discussion: """
            PATH is a file, a folder (read recursively; hidden files skipped) or - for JSON Lines \
            on standard input. Formats follow the file name: .jsonl/.ndjson, .json, .txt, .md, \
            .html/.htm, .xml/.rss/.atom, each optionally .gz. An id already in the index is \
            replaced, never stored twice.

            Bad input is reported as PATH:LINE: problem, skipped, and ingest goes on. Exit status: \
            0 when all input was taken, 1 when some was rejected, 2 when the index could not be written.
            """)

    @OptionGroup var options: IndexOptions

    @Option(help: ArgumentHelp("Read every PATH as this format instead of going by its name.", valueName: "format"))
    var format: FormatChoice = .auto

    @Flag(help: "Exit at once with status 75 if another writer holds the index, instead of waiting.")
    var noWait = false

    @Argument(help: ArgumentHelp("Files, folders, or - for standard input.", valueName: "path"))
    var paths: [String]

    enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, jsonl, json, text, markdown, html, feed

        var format: InputFormat? {
            self == .auto ? nil : InputFormat(rawValue: rawValue)
        }
    }

    func run() throws {
        let store = try options.open(.readWrite(creating: .standard), wait: !noWait)
        let expansion = InputFiles.expand(paths, format: format.format)
        let errors = Terminal.standardError
        for problem in expansion.problems { errors.write("\(problem)\n") }
        let meter = ProgressMeter(enabled: errors.isInteractive)
        var summary: IngestSummary
        do {
            summary = try Ingester(store: store).run(
                expansion.files,
                problem: { problem in
                    meter.clear()
                    errors.write("\(problem)\n")
                },
                progress: meter.show)
        } catch {
            meter.clear()
            throw fail(error.message)
        }
        meter.clear()
        summary.errors += expansion.problems.count
        summary.read += expansion.problems.count
        summary.skippedFiles = expansion.skipped.count
        errors.write(summary.line + "\n")
        if summary.errors > 0 { throw ExitStatus.partial }
    }
}
