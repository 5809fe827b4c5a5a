import ArgumentParser

/// Exit statuses, like grep's where they overlap.
enum ExitStatus {
    /// Some input was rejected (ingest), or nothing matched (search).
    static let partial = ExitCode(1)
    /// The request itself could not be carried out: bad query, missing or unusable index.
    static let failure = ExitCode(2)
    /// The index could not be written (reindex; sysexits' EX_IOERR).
    static let cannotWrite = ExitCode(74)
    /// Another writer holds the index and the command would not wait (sysexits' EX_TEMPFAIL).
    static let locked = ExitCode(75)
}
