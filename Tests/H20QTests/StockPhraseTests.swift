import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QStore

/// Sampled shingles held by more stories than the cap (stock phrases) are counted when a batch
/// reads the candidate runs, not read: the batch sees the same counts, and the same postings
/// under every other key, as when it reads them all.
struct StockPhraseTests {
    /// Unrelated stories that end with one outlet's boilerplate: its sampled shingles are held
    /// by every one of them.
    let stories: [IncomingStory]
    let index: TestIndex
    let fingerprinter: Fingerprinter

    init() throws {
        var generator = TextGenerator(seed: 91)
        let boilerplate = generator.text(80)
        index = try TestIndex()
        fingerprinter = Fingerprinter(parameters: .standard)
        // Every third story without it: the boilerplate's keys have eight holders.
        stories = (0..<12).map { n in
            story("s\(n)", generator.text(8), generator.text(150) + (n % 3 == 2 ? "" : " " + boilerplate))
        }
        // One transaction each: runs of four stories, so that a key's holders are spread over
        // runs (a batch reads with a cap of its own below the index's).
        try index.ingest(stories)
    }

    var sampleKeys: Set<Int64> {
        Set(stories.flatMap { fingerprinter.fingerprint(title: $0.title, body: $0.body).sampleKeys })
    }

    @Test func aBatchCountsStockPhrasesAndReadsEveryOtherKey() throws {
        let cap = 2
        let filters = RunFilters()
        let keys = sampleKeys
        let (capped, full) = try index.store.read("reading") { db in
            (
                try PostingTable.read(.samples, keys: keys, cap: cap, filters: filters, db),
                try PostingTable.read(.samples, keys: keys, filters: filters, db)
            )
        }
        var counted = 0
        for key in keys {
            #expect(capped.count(of: key) == full.count(of: key))
            let stored = full.postings(ifKnown: key) ?? []
            if stored.count > cap {
                counted += 1
                #expect(capped.isCounted(key))
                #expect(capped.postings(ifKnown: key) == nil, "not known: its postings were not read")
                var seen = 0
                capped.forEach(of: key) { _ in seen += 1 }
                #expect(seen == 0)
            } else {
                #expect(!capped.isCounted(key))
                #expect(capped.postings(ifKnown: key) == stored)
            }
        }
        // The boilerplate's sampled shingles.
        #expect(counted > 0)
        #expect(counted < keys.count)
    }

    /// A story leaving the runs takes its posting out of a counted key's count; a key that
    /// falls back to the cap is read, so that the batch sees its holders from then on. The
    /// count is exact after a removal even where a posting merged in from another batch was
    /// one already counted, and it keeps what the batch itself added.
    @Test(arguments: [false, true])
    func aCountedKeyFallingToTheCapIsRead(batchAddsOne: Bool) throws {
        let filters = RunFilters()
        let keys = sampleKeys
        let boilerplateKeys = try index.store.read("reading") { db in
            try PostingTable.read(.samples, keys: keys, filters: filters, db)
        }.postingsByKey(keys).filter { $0.value.count == 8 }
        try #require(!boilerplateKeys.isEmpty)
        // Counted with eight holders (nine with the batch's own), read with seven.
        let cap = batchAddsOne ? 8 : 7
        let mine = Posting(story: 999_999, size: 1)
        let leaving = [stories[0], stories[1]]
        try index.store.write("removing") { db in
            let ids = try leaving.map { story in
                try #require(
                    try Int64.fetchOne(db, sql: "SELECT story FROM sighting WHERE id = ?", arguments: [story.id]))
            }
            var table = try PostingTable.read(.samples, keys: keys, cap: cap, filters: filters, db)
            for (key, holders) in boilerplateKeys {
                // A stored posting merged in again, as from a batch the read had seen already.
                let staying = try #require(holders.first { !ids.contains($0.story) })
                table.merge([(key, staying)])
                if batchAddsOne { table.add(key, mine) }
            }
            for (number, story) in leaving.enumerated() {
                let removedKeys = fingerprinter.fingerprint(title: story.title, body: story.body).sampleKeys
                try table.remove(removedKeys, story: ids[number], filters: filters, db)
                for (key, holders) in boilerplateKeys {
                    let left = holders.count - number - 1 + (batchAddsOne ? 1 : 0)
                    #expect(table.count(of: key) == left)
                    #expect(table.isCounted(key) == (left > cap))
                    if left <= cap {
                        let read = try #require(table.postings(ifKnown: key))
                        #expect(read.count == left)
                        #expect(!read.contains { $0.story == ids[number] })
                        #expect(read.contains(mine) == batchAddsOne)
                    }
                }
            }
        }
    }

    /// Who holds a counted key (a removed story's keys handed over to its cluster): its stored
    /// postings, read from the runs, with those the batch added.
    @Test func holdersOfACountedKeyAreReadWithWhatTheBatchAdded() throws {
        let filters = RunFilters()
        let keys = sampleKeys
        let mine = Posting(story: 999_999, size: 1)
        try index.store.read("reading") { db in
            let full = try PostingTable.read(.samples, keys: keys, filters: filters, db).postingsByKey(keys)
            var table = try PostingTable.read(.samples, keys: keys, cap: 2, filters: filters, db)
            let counted = keys.filter(table.isCounted)
            try #require(!counted.isEmpty)
            for key in counted { table.add(key, mine) }
            let holders = try table.holders(of: Set(counted), filters: filters, db).held
            for key in counted {
                let stored = try #require(full[key])
                #expect((holders[key] ?? []).map(\.story).sorted() == (stored + [mine]).map(\.story).sorted())
            }
        }
    }

    /// A lookup takes each key once, in key order (repeated keys too, and keys no run holds),
    /// with the postings of every run, newest run first, as the pages hold them; over the cap,
    /// their number only.
    @Test(arguments: [Int.max, 5])
    func aLookupVisitsEachKeyOnceWithEveryRunsPostings(cap: Int) throws {
        let filters = RunFilters()
        let absent: [Int64] = [3, -11, .max]
        let keys = Array(sampleKeys)
        let asked = keys + keys.prefix(20) + absent
        var visited: [Int64] = []
        var found: [Int64: PostingRuns.Found] = [:]
        let pages = try index.store.read("reading") { db in
            try PostingRuns.lookup(.samples, keys: asked, cap: cap, filters: filters, db) { key, postings in
                visited.append(key)
                found[key] = postings
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT posting_page.entries, run FROM posting_page JOIN posting_run ON posting_run.id = posting_page.run
                    WHERE posting_run.kind = 1 ORDER BY posting_run.id DESC, posting_page.first_key
                    """)
        }
        #expect(visited == Set(asked).sorted())
        // Built from the pages themselves, run by run.
        var expected: [Int64: [Posting]] = [:]
        for row in pages {
            for entry in PostingPage(row[0]).entries {
                expected[entry.key, default: []].append(Posting(story: entry.story, size: entry.size))
            }
        }
        #expect(Set(pages.map { $0[1] as Int64 }).count > 1, "keys spread over several runs")
        var counted = 0
        for key in Set(asked) {
            let stored = expected[key] ?? []
            switch found[key] {
            case .postings(let postings)?:
                #expect(stored.count <= cap)
                #expect(postings == stored, "key \(key)")
            case .counted(let count)?:
                counted += 1
                #expect(stored.count > cap)
                #expect(count == stored.count, "key \(key)")
            case nil:
                Issue.record("key \(key) not visited")
            }
        }
        #expect((counted > 0) == (cap != .max))
        for key in absent { #expect(expected[key] == nil) }
    }

    /// A lookup that knows when its read began learns the keys it finds over the cap, and
    /// later lookups count them without reading a page (here: with every page gone); a
    /// removal from the runs forgets them, and so does a commit after one.
    @Test func knownStockPhrasesAreCountedWithoutReadingTheirPages() throws {
        let cap = 2
        let filters = RunFilters()
        let keys = Array(sampleKeys)
        func lookup(since epoch: StockPhrases.Epoch?, _ db: Database) throws -> [Int64: PostingRuns.Found] {
            var found: [Int64: PostingRuns.Found] = [:]
            try PostingRuns.lookup(.samples, keys: keys, cap: cap, filters: filters, stockSince: epoch, db) {
                found[$0] = $1
            }
            return found
        }
        func counted(_ found: [Int64: PostingRuns.Found]) -> Set<Int64> {
            Set(found.compactMap { key, found in if case .counted = found { key } else { nil } })
        }
        try index.store.write("reading") { db in
            try db.inSavepoint {
                // Without an epoch nothing is learned.
                let stock = counted(try lookup(since: nil, db))
                try #require(!stock.isEmpty && stock.count < keys.count)
                #expect(filters.stock.count == 0)
                // A read that began before something was forgotten learns nothing.
                let before = filters.stock.epoch
                filters.stock.postingsRemoved()
                #expect(counted(try lookup(since: before, db)) == stock)
                #expect(filters.stock.count == 0)
                _ = try lookup(since: filters.stock.epoch, db)
                #expect(filters.stock.count == stock.count)
                try db.execute(sql: "DELETE FROM posting_page")
                let blind = try lookup(since: filters.stock.epoch, db)
                #expect(counted(blind) == stock, "counted from what was learned, not read")
                for key in stock {
                    #expect(blind[key].map { if case .counted(cap + 1) = $0 { true } else { false } } == true)
                }
                // A removal from the runs forgets them.
                try PostingRuns.remove(.samples, story: 1, keys: [], filters: filters, db)
                #expect(filters.stock.count == 0)
                #expect(counted(try lookup(since: filters.stock.epoch, db)).isEmpty, "read from the (empty) pages")
                return .rollback
            }
        }
        // Learned again, then forgotten by the commit after a removal.
        try index.store.read("reading") { db in _ = try lookup(since: filters.stock.epoch, db) }
        #expect(filters.stock.count > 0)
        filters.stock.postingsRemoved()
        try index.store.read("reading") { db in _ = try lookup(since: filters.stock.epoch, db) }
        #expect(filters.stock.count > 0, "learned from the runs as the writer sees them")
        filters.stock.committed()
        #expect(filters.stock.count == 0)
        try index.store.read("reading") { db in _ = try lookup(since: filters.stock.epoch, db) }
        filters.stock.committed()
        #expect(filters.stock.count > 0, "a commit without a removal forgets nothing")
        filters.reset()
        #expect(filters.stock.count == 0)
    }

    /// A cluster repaired after a removal is rebuilt from its members' postings as ingest
    /// finds them: its stock phrases are not read, and not posted again for it (ingest never
    /// posts a stock phrase).
    @Test func aRepairedClusterPostsNoStockPhrase() throws {
        var parameters = DedupParameters.standard
        parameters.sampleCap = 3
        let index = try TestIndex(parameters: parameters)
        var generator = TextGenerator(seed: 57)
        let boilerplate = generator.text(120)
        let words = generator.words(150)
        // Five unrelated stories have the boilerplate first: its keys are over the cap.
        let holders = (0..<5).map { story("o\($0)", generator.text(6), generator.text(120) + " " + boilerplate) }
        let family = (0..<4).map { n in
            var version = words
            version[Int(generator.next() % UInt64(words.count))] = "v\(n)"
            return story("f\(n)", "family", version.joined(separator: " ") + " " + boilerplate)
        }
        try index.ingest(holders + family)
        let fingerprinter = Fingerprinter(parameters: parameters)
        let shared = Set(
            fingerprinter.fingerprint(title: "", body: boilerplate).sampleKeys.filter { key in
                family.allSatisfy { fingerprinter.fingerprint(title: $0.title, body: $0.body).sampleKeys.contains(key) }
            })
        func postings() throws -> Int {
            try index.store.read("postings") { db in
                try PostingRuns.lookup(.samples, keys: Array(shared), filters: RunFilters(), db).values.reduce(0) {
                    $0 + $1.count
                }
            }
        }
        #expect(shared.count > 8)
        let before = try postings()
        #expect(before == shared.count * 4, "held by the first four: the fifth found them over the cap")
        // f0 takes another text: its cluster is repaired without it.
        try index.ingest([story("f0", "elsewhere", generator.text(150))])
        #expect(try index.clusterSets() == [["f1", "f2", "f3"]])
        #expect(try postings() == before)
    }

    @Test func postingMapCountsPostingsItDoesNotHold() {
        var map = PostingMap()
        map.add(5, Posting(story: 1, size: 3))
        map.count(1_200, unheldUnder: 5)
        map.count(7, unheldUnder: 9)
        #expect(map.count(of: 5) == 1_201 && map.heldCount(of: 5) == 1)
        #expect(map.count(of: 9) == 7 && map.heldCount(of: 9) == 0 && map.contains(9))
        map.add(9, Posting(story: 2, size: 3))
        map.remove(story: 2, from: 9)
        map.count(-7, unheldUnder: 9)
        #expect(map.count(of: 9) == 0 && map.contains(9))
    }
}

extension PostingTable {
    /// The postings of each of `keys` the table knows wholly.
    func postingsByKey(_ keys: Set<Int64>) -> [Int64: [Posting]] {
        Dictionary(uniqueKeysWithValues: keys.compactMap { key in postings(ifKnown: key).map { (key, $0) } })
    }
}
