import ArgumentParser
import Foundation
import H20QInput
import H20QStore

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "The folders and files `h20q reindex` scans.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a folder (read recursively) or a file; reindex reads it from then on.")

        @OptionGroup var options: IndexOptions

        @Option(
            help: ArgumentHelp("Read its files as this format instead of going by their names.", valueName: "format"))
        var format: IngestCommand.FormatChoice = .auto

        @Argument(help: ArgumentHelp("A folder or file.", valueName: "path"))
        var path: String

        func run() throws {
            guard let absolute = realpath(path, nil) else {
                throw fail("cannot watch \(path): \(String(cString: strerror(errno)))")
            }
            let resolved = String(cString: absolute)
            free(absolute)
            let store = try options.open(.readWrite(creating: .standard))
            let added: Bool
            do {
                added = try store.addSource(path: resolved, format: format.format)
            } catch {
                throw fail(error.message)
            }
            Terminal.standardError.write("\(added ? "watching" : "already watching") \(resolved)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sources with their files and stories.")

        @OptionGroup var options: IndexOptions

        @Flag(help: "Print JSON: {sources: [{path, format, files, stories}]}.")
        var json = false

        func run() throws {
            let store = try options.open(.readOnly)
            let sources: [WatchedSource]
            do {
                sources = try store.sources()
            } catch {
                throw fail(error.message)
            }
            if json {
                try JSONOutput.print(["sources": sources])
                return
            }
            let lines = sources.map { source in
                "\(source.path)  \(source.format ?? "by name")  \(source.files.grouped) files  \(source.stories.grouped) stories"
            }
            Terminal.standardOutput.write(lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop watching a source; its stories are removed unless --keep-stories.")

        @OptionGroup var options: IndexOptions

        @Flag(help: "Keep the stories read from it in the index.")
        var keepStories = false

        @Argument(help: ArgumentHelp("The folder or file, as added.", valueName: "path"))
        var path: String

        func run() throws {
            let store = try options.open(.readWrite(creating: .standard))
            let resolved = realpath(path, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            }
            do {
                guard let id = try store.sourceID(path: resolved ?? path) ?? store.sourceID(path: path) else {
                    throw fail("not a source: \(path)", status: ExitStatus.partial)
                }
                let result = try store.finishReindex(
                    stale: [], deletedFiles: try store.files(ofSource: id), deletedSources: [id], readFiles: [],
                    keepingStories: keepStories)
                Terminal.standardError.write(
                    "stopped watching \(resolved ?? path); stories removed \(result.removed.count), clusters changed \(result.clustersChanged)\n"
                )
            } catch let error as StoreError {
                throw fail(error.message)
            }
        }
    }
}
