import H20QStore

/// Counts of one ingest run, printed as its summary line.
public struct IngestSummary: Sendable, Equatable {
    /// Stories and rejected inputs met.
    public var read = 0
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var exactDuplicates = 0
    public var nearDuplicates = 0
    public var errors = 0
    /// Stories kept without something that was wrong with them.
    public var warnings = 0
    public var skippedFiles = 0
    /// The ids read from each watched file (`InputFile.tracking`): what a reindex keeps.
    package var seenByFile: [Int64: Set<String>] = [:]

    public init() {}

    mutating func count(_ outcome: IngestOutcome) {
        read += 1
        switch outcome.change {
        case .new: new += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
        switch outcome.duplicate {
        case .exact?: exactDuplicates += 1
        case .near?: nearDuplicates += 1
        case nil: break
        }
    }

    /// One line: `read 12, new 9, updated 1, unchanged 0, exact duplicates 1, near-duplicates 3, errors 2`;
    /// warnings and skipped files follow when there are any.
    public var line: String {
        var parts = [
            "read \(read)", "new \(new)", "updated \(updated)", "unchanged \(unchanged)",
            "exact duplicates \(exactDuplicates)", "near-duplicates \(nearDuplicates)", "errors \(errors)",
        ]
        if warnings > 0 { parts.append("warnings \(warnings)") }
        if skippedFiles > 0 { parts.append("skipped files \(skippedFiles)") }
        return parts.joined(separator: ", ")
    }
}
