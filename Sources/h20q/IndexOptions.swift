import ArgumentParser
import Foundation
import H20QStore

/// `--index DIR`, shared by every command.
struct IndexOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Index folder (default: $H20Q_INDEX, else ./Index).", valueName: "dir"))
    var index: String?

    func validate() throws {
        if index?.isEmpty == true { throw ValidationError("--index needs a folder (it was given empty)") }
    }

    var location: IndexLocation {
        IndexLocation.resolve(option: index, environment: ProcessInfo.processInfo.environment)
    }

    func open(_ mode: StoryStore.Mode) throws -> StoryStore {
        do {
            return try StoryStore.open(location, mode: mode) {
                Terminal.standardError.write("h20q: waiting for another ingest to finish writing \(location)\n")
            }
        } catch {
            throw fail(error.message)
        }
    }
}

/// Prints `h20q: message` on standard error and returns the exit status to throw.
func fail(_ message: String, status: ExitCode = ExitStatus.failure) -> ExitCode {
    Terminal.standardError.write("h20q: \(message)\n")
    return status
}
