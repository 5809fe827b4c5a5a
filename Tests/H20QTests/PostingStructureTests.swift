import Foundation
import GRDB
import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput
@testable import H20QStore

/// The in-memory structures of the write path: the posting map, the run sort, Bloom filters,
/// and the record of stories in flight.
struct PostingStructureTests {
    @Test func postingMapAgreesWithADictionaryOfArrays() {
        var map = PostingMap(minimumCapacity: 4)
        var model: [Int64: [Posting]] = [:]
        var numbers = SeededGenerator(seed: 1)
        // Keys like the sample's (multiples of 8) and a few negative ones; enough to grow it,
        // and postings over several chunks of entries (8,192 each).
        let keys = (0..<700).map { Int64($0 * 8) - 800 }
        for step in 0..<30_000 {
            let key = keys[numbers.next(below: keys.count)]
            switch numbers.next(below: 10) {
            case 0:
                map.reserve(key)
                model[key, default: []] += []
            case 1:
                let story = Int64(numbers.next(below: 50))
                map.remove(story: story, from: key)
                model[key]?.removeAll { $0.story == story }
            default:
                let posting = Posting(story: Int64(numbers.next(below: 50)), size: step)
                map.add(key, posting)
                model[key, default: []].append(posting)
            }
        }
        for key in keys + [1, 3, Int64.min, Int64.max] {
            #expect(map.contains(key) == (model[key] != nil), "key \(key)")
            #expect(map.count(of: key) == (model[key]?.count ?? 0), "key \(key)")
            // Newest first.
            #expect(map.postings(key) == (model[key] ?? []).reversed(), "key \(key)")
        }
        #expect(map.keyCount == model.count)
    }

    @Test func postingMapStopsWhenAskedTo() {
        var map = PostingMap()
        for story in 0..<10 { map.add(42, Posting(story: Int64(story), size: 1)) }
        var seen = 0
        let finished = map.forEach(of: 42) { _ in
            seen += 1
            return seen < 3
        }
        #expect(!finished && seen == 3)
    }

    @Test(arguments: [10, 65, 5_000])
    func runSortMatchesAComparisonSort(count: Int) {
        var numbers = SeededGenerator(seed: UInt64(count))
        let entries = (0..<count).map { _ in
            // Few distinct keys (repeats), both signs, extremes.
            let key = [Int64.min, -1, 0, 1, Int64.max, Int64(numbers.next(below: 200)) - 100][numbers.next(below: 6)]
            return PostingEntry(key: key, story: Int64(numbers.next(below: 30)), size: numbers.next(below: 9))
        }
        let sorted = PostingEntry.sorted(entries)
        #expect(sorted == entries.sorted())
        #expect(sorted.map(\.size).reduce(0, +) == entries.map(\.size).reduce(0, +), "nothing lost")
    }

    /// A filter as runs build it: keys in order, some repeated (a key under several stories).
    func builtFilter(_ keys: [Int64], repeats: Int = 1) -> BloomFilter {
        var builder = BloomFilter.Builder()
        for key in keys.sorted() {
            for _ in 0..<repeats { builder.insert(key) }
        }
        return builder.finish()
    }

    @Test func bloomFiltersHaveNoFalseNegativesAndFewFalsePositives() {
        let present = (0..<3_000).map { Int64(bitPattern: StableHash.mix(UInt64($0))) }
        let filter = builtFilter(present)
        let decoded = BloomFilter(data: filter.data)
        #expect(present.allSatisfy { filter.mayContain($0) && decoded.mayContain($0) })
        let absent = (3_000..<23_000).map { Int64(bitPattern: StableHash.mix(UInt64($0))) }
        let falsePositives = absent.filter { decoded.mayContain($0) }.count
        #expect(falsePositives < absent.count / 50, "\(falsePositives) of \(absent.count)")
        #expect(BloomFilter(data: Data()).mayContain(7), "an empty filter admits every key")
        var damaged = filter.data
        damaged[0] = 9
        #expect(BloomFilter(data: damaged).mayContain(absent[0]), "a damaged filter admits every key")
        #expect(BloomFilter(data: filter.data.prefix(100)).mayContain(absent[0]))
    }

    /// Sized by distinct keys, range by range: 10 bits a key and at most a block more a range,
    /// whatever the keys' repeats.
    @Test(arguments: [1, 100, 3_300, 50_000])
    func bloomFiltersHoldTenBitsADistinctKey(count: Int) {
        let keys = (0..<count).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 77)) }
        let filter = builtFilter(keys, repeats: 3)
        let bits = (filter.data.count - BloomFilter.headerBytes) * 8
        #expect(bits >= 10 * count && bits <= 10 * count + BloomFilter.blockBits * BloomFilter.ranges, "\(bits) bits")
        #expect(keys.allSatisfy(filter.mayContain))
        let absent = (0..<20_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 1 << 40)) }
        #expect(absent.filter(filter.mayContain).count <= absent.count / 50, "at most 2% false positives")
    }

    /// Keys of the sample (multiples of 8) and keys crowding a few ranges.
    @Test func bloomFiltersTakeKeysOfAnyShape() {
        let multiples = (0..<5_000).map { Int64(bitPattern: StableHash.mix(UInt64($0)) & ~7) }
        let crowded = (0..<5_000).map { Int64($0) * 1_000_003 - 2_500_000_000 }
        for keys in [multiples, crowded] {
            let filter = builtFilter(keys)
            #expect(keys.allSatisfy(filter.mayContain))
            let absent = keys.map { $0 &+ 4 }
            #expect(absent.filter(filter.mayContain).count <= keys.count / 50)
        }
    }

    /// Indexes written before the blocked filters keep their ranged ones until their runs are
    /// merged: 65 offsets of words, then a range's words, 7 positions anywhere in the range by
    /// double hashing of the key's mix.
    @Test func filtersOfTheRangedFormatAreStillRead() {
        let keys = (0..<3_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 9)) }.sorted()
        var offsets: [UInt32] = [0]
        var words: [UInt64] = []
        for range in 0..<BloomFilter.ranges {
            let held = keys.filter { BloomFilter.range(of: $0) == range }
            let start = words.count
            let bits = UInt64((held.count * 10 + 63) / 64 * 64)
            words.append(contentsOf: repeatElement(0, count: Int(bits / 64)))
            for key in held {
                var hash = StableHash.mix(UInt64(bitPattern: key))
                let step = StableHash.mix(hash) | 1
                for _ in 0..<7 {
                    let bit = hash.multipliedFullWidth(by: bits).high
                    words[start + Int(bit / 64)] |= 1 << (bit % 64)
                    hash &+= step
                }
            }
            offsets.append(UInt32(words.count))
        }
        var data = Data()
        for offset in offsets { withUnsafeBytes(of: offset.littleEndian) { data.append(contentsOf: $0) } }
        for word in words { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        let filter = BloomFilter(data: data)
        #expect(keys.allSatisfy(filter.mayContain))
        let absent = (0..<20_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 1 << 42)) }
        #expect(absent.filter(filter.mayContain).count <= absent.count / 50)
        var damaged = data
        damaged[0] = 1
        #expect(BloomFilter(data: damaged).mayContain(absent[0]), "offsets not from 0: admits every key")
    }

    /// A key's block follows its place in key order, so sorted keys read a filter front to
    /// back; keys crowding a few blocks that way are placed by hash instead, and stay found.
    @Test func blocksFollowKeyOrderUnlessKeysCrowdThem() {
        let keys = (0..<20_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 3)) }.sorted()
        let blocks = keys.map { key -> Int in
            let range = BloomFilter.range(of: key)
            return range << 32 | BloomFilter.orderedBlock(key, 1 << 20)
        }
        #expect(blocks == blocks.sorted(), "sorted keys, blocks in order")
        let evenly = builtFilter(keys)
        let crowded = (0..<5_000).map { Int64($0) * 1_000_003 }
        let crowdedFilter = builtFilter(crowded)
        #expect(crowded.allSatisfy(crowdedFilter.mayContain) && keys.allSatisfy(evenly.mayContain))
        let spread = { (filter: BloomFilter) in
            filter.data.withUnsafeBytes { raw in
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: BloomFilter.headerBytes - 8, as: UInt64.self))
            }
        }
        #expect(spread(evenly) == 0, "hashes fill blocks in key order")
        #expect(spread(crowdedFilter) == 1 << BloomFilter.range(of: 0), "the crowded range, by hash")
        let absent = crowded.map { $0 &+ 4 }
        #expect(absent.filter(crowdedFilter.mayContain).count <= absent.count / 50)
    }

    /// Indexes written before the ranged filters keep theirs until their runs are merged: a
    /// power of two of words, positions by the key masked and a step from its mix.
    @Test func filtersOfTheFirstFormatAreStillRead() {
        let keys = (0..<3_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 5)) }
        var words = [UInt64](repeating: 0, count: 512)
        let bits = UInt64(words.count * 64)
        for key in keys {
            var hash = UInt64(bitPattern: key)
            let step = StableHash.mix(hash) | 1
            for _ in 0..<7 {
                words[Int((hash & (bits - 1)) / 64)] |= 1 << (hash % 64)
                hash &+= step
            }
        }
        var data = Data()
        for word in words { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        let filter = BloomFilter(data: data)
        #expect(keys.allSatisfy(filter.mayContain))
        let absent = (0..<20_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 1 << 41)) }
        #expect(absent.filter(filter.mayContain).count <= absent.count / 25)
    }

    @Test func aRunMergedAwayIsNotKeptWhenALaggingReaderReadsItsFilter() {
        let filters = RunFilters()
        let filter = builtFilter([42])
        filters.remember(7, filter, PageDirectory())
        filters.remember(8, filter, PageDirectory())
        // The writer merges runs 7 and 8 away; a reader whose snapshot is older reads run 7's
        // filter afterwards. Kept, it would stay for the rest of the ingest.
        filters.forget([7, 8])
        filters.remember(7, filter, PageDirectory())
        #expect(filters.count == 0)
        filters.remember(9, filter, PageDirectory())
        #expect(filters.count == 1)
    }

    /// A rolled-back transaction takes away the runs it wrote and brings back those it merged
    /// away: no filter of the first is kept, and the second are not left retired (they would
    /// be read from the index at every lookup); candidates are found as before.
    @Test func aRolledBackBatchLeavesNoFilterOfItsRunsBehind() throws {
        struct Abandoned: Error {}
        let index = try TestIndex()
        let store = index.store
        let fingerprinter = Fingerprinter(parameters: store.parameters)
        var text = TextGenerator(seed: 41)
        func analyzed(_ stories: [IncomingStory]) -> [AnalyzedStory] {
            stories.map {
                AnalyzedStory(story: $0, fingerprint: fingerprinter.fingerprint(title: $0.title, body: $0.body))
            }
        }
        let abandoned = analyzed((0..<20).map { story("gone-\($0)", text.text(8), text.text(200)) })
        var snapshot = try store.snapshot(for: abandoned, committedBatches: 0, pending: .single(abandoned))
        #expect(throws: StoreError.self) {
            try store.writingBatches { writer in
                _ = try writer.ingest(abandoned, snapshot: &snapshot)
                throw Abandoned()
            }
        }
        #expect(store.writer?.filters.count == 0)

        let originals = (0..<20).map { story("kept-\($0)", text.text(8), text.text(200)) }
        _ = try store.ingest(analyzed(originals))
        let copies = originals.map {
            story($0.id + "-copy", $0.title, text.edited($0.body, rate: 0.01), source: "Copy")
        }
        let outcomes = try store.ingest(analyzed(copies))
        #expect(
            outcomes.allSatisfy { $0.duplicate != nil },
            "\(outcomes.filter { $0.duplicate == nil }.count) copies missed")
    }

    @Test func pendingStoriesFlagIdsAndTextsThatMayBeStored() {
        var pending = PendingStories()
        pending.add(id: "a", textHash: 1)
        pending.add(id: "b", textHash: 2)
        pending.add(id: "a", textHash: 3)  // a repeat within the batch
        #expect(pending.repeatedIDs == ["a"] && pending.repeatedTextHashes.isEmpty)
        pending.endBatch(committed: 0)  // batch 1 in flight
        pending.add(id: "b", textHash: 9)
        pending.add(id: "c", textHash: 1)
        #expect(pending.repeatedIDs == ["b"] && pending.repeatedTextHashes == [1], "batch 1 may be stored")
        pending.endBatch(committed: 1)  // batch 1 committed: the index itself now tells
        pending.add(id: "a", textHash: 2)
        #expect(pending.repeatedIDs.isEmpty && pending.repeatedTextHashes.isEmpty)
        pending.add(id: "c", textHash: 3)
        #expect(pending.repeatedIDs == ["c"], "batch 2 is still in flight")
    }

    @Test func aPageDirectoryNamesTheLastPageStartingAtOrBeforeAKey() {
        var directory = PageDirectory()
        directory.append(firstKey: -5, id: 11)
        directory.append(firstKey: 10, id: 12)
        directory.append(firstKey: 40, id: 13)
        #expect(directory.page(for: -6) == nil)
        #expect([-5, 9, 10, 39, 40, .max].map(directory.page(for:)) == [11, 11, 12, 12, 13, 13])
        #expect(PageDirectory().page(for: 0) == nil)
    }

    /// The directories the writer keeps for the runs it writes are those read back from the
    /// index, and a lookup through either finds every posting the pages hold.
    @Test func aRunsDirectoryAsWrittenIsAsRead() throws {
        let index = try TestIndex()
        let fingerprinter = Fingerprinter(parameters: index.store.parameters)
        let stories = syntheticCorpus(seed: 12, originals: 300)
        try index.store.ingest(Array(stories.prefix(200)), fingerprinter: fingerprinter)
        try index.store.ingest(Array(stories.dropFirst(200)), fingerprinter: fingerprinter)
        let written = try #require(index.store.writer?.filters)
        try index.store.read("directories") { db in
            for kind in [PostingTable.Kind.bands, .samples] {
                let runs = try written.runs(kind, db)
                #expect(runs.count >= 2)
                for run in runs {
                    let read = try PageDirectory.read(run: run.id, db)
                    #expect(run.pages.count == read.count && read.count > 1)
                    let keys = try Int64.fetchAll(
                        db, sql: "SELECT first_key FROM posting_page WHERE run = ? ORDER BY first_key",
                        arguments: [run.id])
                    for key in keys.flatMap({ [$0 - 1, $0, $0 + 1] }) {
                        #expect(run.pages.page(for: key) == read.page(for: key))
                    }
                }
                // Every stored posting, found through the written directories and through read ones.
                let stored = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT posting_page.entries FROM posting_page JOIN posting_run ON posting_run.id = posting_page.run
                        WHERE posting_run.kind = ?
                        """, arguments: [kind.code]
                ).flatMap { PostingPage($0[0]).entries }
                let keys = Array(Set(stored.map(\.key)))
                for filters in [written, RunFilters()] {
                    let found = try PostingRuns.lookup(kind, keys: keys, filters: filters, db)
                    #expect(found.values.reduce(0) { $0 + $1.count } == stored.count)
                }
            }
        }
    }

    /// A merge reads its runs a page at a time and yields their entries in key order, each
    /// once (a posting in two runs comes out once), past pages left empty.
    @Test func aMergeYieldsItsRunsEntriesInOrderOnce() throws {
        // The index's own schema, in memory.
        let db = try DatabaseQueue(configuration: StoryStore.makeConfiguration())
        try Schema.migrator(parameters: .standard).migrate(db)
        var random = SeededGenerator(seed: 41)
        var all: [PostingEntry] = []
        try db.write { db in
            for run in Int64(1)...4 {
                var entries = (0..<Int.random(in: 200...900, using: &random)).map { _ in
                    PostingEntry(
                        key: Int64.random(in: -500...500, using: &random),
                        story: Int64.random(in: 1...40, using: &random), size: 3)
                }
                // Postings the runs share, as when a story's keys were posted twice.
                entries += (0..<50).map { PostingEntry(key: Int64($0 * 7), story: 9, size: 3) }
                entries = PostingEntry.sorted(entries).uniqued()
                all += entries
                var start = 0
                while start < entries.count {
                    // Pages of 1 to 120 entries, a key's entries on one page.
                    var end = min(entries.count, start + Int.random(in: 1...120, using: &random))
                    while end < entries.count, entries[end].key == entries[end - 1].key { end += 1 }
                    let page = entries[start..<end]
                    try db.execute(
                        sql: "INSERT INTO posting_page (run, first_key, entries) VALUES (?, ?, ?)",
                        arguments: [run, page.first!.key, PostingPage.encode(page)])
                    start = end
                }
                // Pages left empty, before the run's first page and after its last.
                for key: Int64 in [-10_000, 10_000] {
                    try db.execute(
                        sql: "INSERT INTO posting_page (run, first_key, entries) VALUES (?, ?, ?)",
                        arguments: [run, key, PostingPage.encode([PostingEntry]())])
                }
            }
        }
        let merged = try db.read { db in
            let merge = try RunMerge(runs: [1, 2, 3, 4], db)
            let entries = Array(merge)
            #expect(merge.failure == nil)
            return entries
        }
        #expect(merged == PostingEntry.sorted(all).uniqued())
        #expect(merged.count < all.count)
        #expect(zip(merged, merged.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// A run's filter goes to and from the database a piece at a time (blob I/O): what is read
    /// is what was built, byte for byte, whether read by blob or from its bytes, and filters of
    /// the earlier formats are read from theirs.
    @Test func aRunsFilterAsWrittenIsAsRead() throws {
        let index = try TestIndex()
        let filters = RunFilters()
        let keys = (0..<40_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 11)) }
        let entries = keys.map { ($0, Posting(story: 1, size: 40)) }
        let written = try index.store.write("runs") { db in
            try PostingRuns.append(.samples, entries, filters: filters, db)
            return try #require(filters.runs(.samples, db).first).filter
        }
        try index.store.write("filters") { db in
            let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM posting_run"))
            let read = try BloomFilter.read(run: id, db)
            let stored = try #require(
                try Data.fetchOne(db, sql: "SELECT filter FROM posting_run WHERE id = ?", arguments: [id]))
            #expect(read.data == written.data && stored == written.data)
            #expect(stored.count == BloomFilter.headerBytes + (stored.count - BloomFilter.headerBytes) / 64 * 64)
            #expect(keys.allSatisfy(read.mayContain))
            let absent = (0..<20_000).map { Int64(bitPattern: StableHash.mix(UInt64($0) &+ 1 << 43)) }
            #expect(absent.filter(read.mayContain).count <= absent.count / 50)
            // A run whose filter is of the ranged format (offsets alone here: every range empty).
            var ranged = Data()
            for _ in 0...BloomFilter.ranges { withUnsafeBytes(of: UInt32(0)) { ranged.append(contentsOf: $0) } }
            try db.execute(sql: "UPDATE posting_run SET filter = ? WHERE id = ?", arguments: [ranged, id])
            #expect(!(try BloomFilter.read(run: id, db)).mayContain(keys[0]), "an empty ranged filter holds nothing")
        }
    }

    /// A page emptied by a removal is deleted, and a later run's page may take its id: a run's
    /// directory must not lead a lookup to that page.
    @Test func aPageIdTakenAgainByAnotherRunIsNotReadThroughTheFirstRunsDirectory() throws {
        let index = try TestIndex()
        let filters = RunFilters()
        let key: Int64 = 4_242
        let found = try index.store.write("runs") { db in
            try PostingRuns.append(.samples, [(key, Posting(story: 1, size: 40))], filters: filters, db)
            let first = try Int64.fetchOne(db, sql: "SELECT id FROM posting_page")
            try PostingRuns.remove(.samples, story: 1, keys: [key], filters: filters, db)
            try PostingRuns.append(.samples, [(key, Posting(story: 2, size: 40))], filters: filters, db)
            #expect(try Int64.fetchOne(db, sql: "SELECT id FROM posting_page") == first, "the id taken again")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM posting_run") == 2)
            return try PostingRuns.lookup(.samples, keys: [key], filters: filters, db)
        }
        #expect(found[key] == [Posting(story: 2, size: 40)])
    }
}
