import Foundation
import GRDB
import H20QFixtures

@testable import H20QDedup
@testable import H20QInput
@testable import H20QSearch
@testable import H20QStore

/// A fresh index in a temporary folder.
struct TestIndex {
    let folder = TemporaryFolder()
    let store: StoryStore

    init(parameters: DedupParameters = .standard) throws {
        store = try StoryStore.open(
            IndexLocation(folder: folder.path + "/index"), mode: .readWrite(creating: parameters))
    }

    /// Ingests stories one transaction each, as a long ingest meets them.
    @discardableResult
    func ingest(_ stories: [IncomingStory]) throws -> [IngestOutcome] {
        let fingerprinter = Fingerprinter(parameters: store.parameters)
        return try stories.flatMap { story in
            try store.ingest([
                AnalyzedStory(
                    story: story, fingerprint: fingerprinter.fingerprint(title: story.title, body: story.body))
            ])
        }
    }

    /// Clusters as sets of member ids, comparable across indexes.
    func clusterSets() throws -> Set<Set<String>> {
        Set(try store.clusters().clusters.map { Set($0.members.map(\.id)) })
    }

    func canonicals() throws -> Set<String> {
        Set(try store.clusters().clusters.map(\.canonical))
    }
}

/// Writes `sql` into the closed index at `location`, outside the store: an index taken back to
/// an older schema (what a migration made undone, its row in `grdb_migrations` deleted).
func rewrite(_ location: IndexLocation, _ sql: String) throws {
    let old = try DatabaseQueue(path: location.databasePath)
    try old.write { db in try db.execute(sql: sql) }
    try old.close()
}

func story(
    _ id: String, _ title: String, _ body: String, source: String? = "Wire", published: String? = nil,
    metadata: JSONValue? = nil
) -> IncomingStory {
    IncomingStory(
        id: id, title: title, body: body, source: source, url: nil, published: published.flatMap { PublishedDate($0) },
        metadata: metadata, location: InputLocation(path: "test", line: 1))
}

/// A corpus with every kind of duplicate: exact copies, light edits, added paragraphs,
/// briefs inside longer stories, short flashes, and unrelated stories.
func syntheticCorpus(seed: UInt64, originals: Int) -> [IncomingStory] {
    var generator = TextGenerator(seed: seed)
    var stories: [IncomingStory] = []
    for n in 0..<originals {
        let title = generator.text(8)
        let body = generator.text(60 + Int(generator.next() % 300))
        let day = String(format: "2025-08-%02d", 1 + n % 28)
        stories.append(story("o\(n)", title, body, published: day))
        switch n % 6 {
        case 0: stories.append(story("o\(n)-copy", title, body, source: "Copy", published: day))
        case 1:
            stories.append(story("o\(n)-edit", generator.text(8), generator.edited(body, rate: 0.01), source: "Edit"))
        case 2: stories.append(story("o\(n)-longer", title, body + " " + generator.text(40), source: "Longer"))
        case 3:
            let words = body.split(separator: " ")
            let brief = words.prefix(max(50, words.count / 3)).joined(separator: " ")
            stories.append(story("o\(n)-brief", title, brief, source: "Brief"))
        case 4: stories.append(story("o\(n)-flash", title, "", source: "Flash"))
        default: break
        }
    }
    return stories
}
