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

    /// Opens the index; a writer waits for another (saying so) unless `wait` is false: then
    /// another writer is exit status 75 (EX_TEMPFAIL), as cron jobs expect.
    func open(_ mode: StoryStore.Mode, wait: Bool = true) throws -> StoryStore {
        do {
            let location = location
            let waiting: (() -> Void)? =
                wait
                ? { Terminal.standardError.write("h20q: waiting for another ingest to finish writing \(location)\n") }
                : nil
            return try StoryStore.open(location, mode: mode, waiting: waiting)
        } catch  where error.code == .locked {
            throw fail(error.message, status: ExitStatus.locked)
        } catch {
            throw fail(error.message, status: wait ? ExitStatus.failure : ExitStatus.cannotWrite)
        }
    }
}

/// Prints `h20q: message` on standard error and returns the exit status to throw.
func fail(_ message: String, status: ExitCode = ExitStatus.failure) -> ExitCode {
    Terminal.standardError.write("h20q: \(message)\n")
    return status
}
