import Foundation
import H20QDedup
import H20QInput
import H20QStore

/// What one reindex did, for its summary line and `--json`.
public struct ReindexSummary: Sendable, Codable, Equatable {
    /// Files found in the sources.
    public var filesScanned = 0
    /// Files read again (new or changed), and files gone.
    public var filesChanged = 0
    public var filesRemoved = 0
    public var storiesAdded = 0
    public var storiesReplaced = 0
    public var storiesRemoved = 0
    /// Clusters computed again because stories left them.
    public var clustersChanged = 0
    /// Inputs rejected, each reported as `PATH:LINE: …`.
    public var errors = 0
    /// Whether the full-text index was optimized at the end.
    public var optimized = false

    public init() {}

    /// `scanned 120 files, changed 2, removed 0; stories added 14, replaced 1, removed 3; clusters changed 2`.
    public var line: String {
        var line =
            "scanned \(filesScanned) files, changed \(filesChanged), removed \(filesRemoved); "
            + "stories added \(storiesAdded), replaced \(storiesReplaced), removed \(storiesRemoved); "
            + "clusters changed \(clustersChanged)"
        if errors > 0 { line += "; errors \(errors)" }
        if optimized { line += "; index optimized" }
        return line
    }
}

/// Brings the index up to date with its watched sources (`h20q reindex`): files new or
/// changed since the last run are read again, stories a file no longer holds and the stories
/// of files gone are removed, and nothing else is touched.
///
///     source folder:  a.jsonl (unchanged)  b.jsonl (a line added)  c.jsonl (deleted)
///     -> b.jsonl read again: its new story added, the others unchanged; c's stories removed
///
/// A file is read again only when its size or modification time moved and then its bytes
/// did. A story without id or url keeps the id it had (`path#line`) when only its line moved.
/// Safe to kill at any moment: a file's state is recorded with the transaction that removes
/// what it no longer holds, after its stories are committed, so a rerun completes the work.
public struct Reindexer: Sendable {
    public let store: StoryStore
    /// Optimize the full-text index after this many stories changed, or this long after the
    /// last optimize when anything changed.
    public var optimizeAfterStories = 20_000
    public var optimizeAfter: Duration = .seconds(7 * 86_400)

    public init(store: StoryStore) {
        self.store = store
    }

    public func run(problem: (InputProblem) -> Void) throws(StoreError) -> ReindexSummary {
        var summary = ReindexSummary()
        let known = Dictionary(try store.watchedFiles().map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var present = Set<String>()
        var toRead: [InputFile] = []
        var readState: [WatchedFile] = []
        for source in try store.sourceIDs() {
            let expansion = InputFiles.expand([source.path], format: source.format)
            for issue in expansion.problems {
                summary.errors += 1
                problem(issue)
            }
            var fresh: [String] = []
            for file in expansion.files {
                present.insert(file.path)
                summary.filesScanned += 1
                guard let now = FileIdentity.attributes(file.path) else { continue }
                if let old = known[file.path], old.size == now.size, old.mtime == now.mtime, old.content != nil {
                    continue
                }
                let content = FileIdentity.content(file.path)
                if let old = known[file.path], old.content != nil, old.content == content {
                    // Touched, not changed: only its state is noted.
                    readState.append(
                        WatchedFile(
                            id: old.id, source: old.source, path: file.path, size: now.size, mtime: now.mtime,
                            content: content))
                    continue
                }
                if known[file.path] == nil { fresh.append(file.path) }
                toRead.append(file)
                readState.append(
                    WatchedFile(
                        id: known[file.path]?.id ?? 0, source: source.id, path: file.path, size: now.size,
                        mtime: now.mtime, content: content))
            }
            let ids = try store.registerFiles(fresh, source: source.id)
            for index in readState.indices where readState[index].id == 0 {
                readState[index].id = ids[readState[index].path] ?? 0
            }
        }
        let fileIDs = Dictionary(readState.map { ($0.path, $0.id) }, uniquingKeysWith: { first, _ in first })
        for index in toRead.indices {
            guard let id = fileIDs[toRead[index].path] else { continue }
            toRead[index].tracking = id
            toRead[index].renames = try renames(for: toRead[index], id: id)
        }
        summary.filesChanged = toRead.count
        var stale: [String] = []
        if !toRead.isEmpty {
            let ingest = try Ingester(store: store).run(toRead, problem: problem)
            summary.storiesAdded = ingest.new
            summary.storiesReplaced = ingest.updated
            summary.errors += ingest.errors
            for file in toRead {
                guard let id = file.tracking else { continue }
                let seen = ingest.seenByFile[id] ?? []
                stale += try store.sightings(inFile: id).map(\.id).filter { !seen.contains($0) }
            }
        }
        let gone = known.values.filter { !present.contains($0.path) }
        summary.filesRemoved = gone.count
        let finished = try store.finishReindex(
            stale: stale, deletedFiles: gone.map(\.id), deletedSources: [], readFiles: readState)
        summary.storiesRemoved = finished.removed.count
        summary.clustersChanged = finished.clustersChanged
        let changed = summary.storiesAdded + summary.storiesReplaced + summary.storiesRemoved
        try store.noteChanged(changed)
        let state = try store.optimizeState()
        let due =
            state.changed >= optimizeAfterStories
            || (changed > 0
                && state.optimized.map {
                    Int64(Date().timeIntervalSince1970) - $0.secondsSince1970 >= optimizeAfter.components.seconds
                } ?? true)
        if due {
            try store.optimize()
            summary.optimized = true
        }
        return summary
    }

    /// Ids to keep for a file's stories that have no id or url of their own (`path#line`):
    /// matched by their text to the stories the file held before, so that a line inserted at
    /// the top does not give every story after it a new id. A story whose text is new takes
    /// its line's id when that id is free, else its line's id with its text's identity.
    private func renames(for file: InputFile, id: Int64) throws(StoreError) -> [String: String] {
        let old = try store.sightings(inFile: id)
        guard !old.isEmpty else { return [:] }
        var read: [(id: String, text: Int64)] = []
        file.read { event, _ in
            guard case .story(let story) = event else { return }
            read.append((story.id, Int64(bitPattern: StableHash.textIdentity(story.title, story.body))))
        }
        guard let prefix = file.madeUpIDPrefix else { return [:] }
        let positional = Set(read.map(\.id).filter { $0.hasPrefix(prefix) })
        let oldPositional = old.filter { $0.id.hasPrefix(prefix) }
        var byText: [Int64: [String]] = [:]
        for entry in oldPositional { if let text = entry.ownText { byText[text, default: []].append(entry.id) } }
        var renames: [String: String] = [:]
        var claimed = Set<String>()
        var unmatched: [(id: String, text: Int64)] = []
        for story in read where positional.contains(story.id) {
            if var ids = byText[story.text], !ids.isEmpty {
                let kept = ids.removeFirst()
                byText[story.text] = ids
                claimed.insert(kept)
                if kept != story.id { renames[story.id] = kept }
            } else {
                unmatched.append(story)
            }
        }
        for story in unmatched where claimed.contains(story.id) {
            let fresh = story.id + "~" + String(UInt64(bitPattern: story.text), radix: 16)
            renames[story.id] = fresh
        }
        return renames
    }
}
