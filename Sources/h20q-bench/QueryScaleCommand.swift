import ArgumentParser
import Foundation
import GRDB
import H20QSearch
import H20QServer
import H20QStore

/// Search latency on a large index, per query class, against bare FTS5 on the same index in
/// the same run, and how far h20q's answers agree with an exhaustive reference
/// (`ExhaustiveRanking`): the top 10 position by position, and the total. `Scripts/bench-query
/// --scale` builds the indexes and runs it on each.
struct QueryScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query-scale",
        abstract: "Search latency against bare FTS5, with ranking and total agreement, on a large index.")

    @Option(help: "The index.")
    var index: String

    @Option(help: "The query list: reuters (the Reuters corpus grown with copies) or generated.")
    var queries = "reuters"

    @Option(help: "Timed passes over the queries, after one untimed pass.")
    var passes = 10

    @Option(help: "The deep page's offset (a common word, 10 hits from there).")
    var deepOffset = 5_000

    @Option(help: "Only these query classes, comma-separated (\"two words,NOT\"), each with and without filters.")
    var only: String?

    /// The outlet of the source filter: one of those `Scripts/bench-query --scale` gives
    /// copies, and one of the generated corpus's outlets; in lower case so that the
    /// comparison's case-insensitivity is used.
    static let filterSource = "meridian post"

    func validate() throws {
        guard ["reuters", "generated"].contains(queries) else {
            throw ValidationError("--queries is reuters or generated, not \(queries)")
        }
        guard passes > 0 else { throw ValidationError("--passes must be at least 1") }
    }

    func run() throws {
        let location = IndexLocation(folder: index)
        let store = try StoryStore.open(location, mode: .readOnly)
        var configuration = Configuration()
        configuration.readonly = true
        let bare = try DatabaseQueue(path: location.databasePath, configuration: configuration)

        let (sightings, since) = try bare.read { db in
            let sightings = try Int.fetchOne(db, sql: "SELECT count(*) FROM sighting") ?? 0
            return (sightings, try Self.lastQuarterStart(db))
        }
        let source = Self.filterSource
        let wanted = only.map { Set($0.split(separator: ",").map(String.init)) }
        let base = (queries == "reuters" ? BenchQuery.reutersScale : BenchQuery.generatedScale).filter {
            wanted?.contains($0.kind) ?? true
        }
        guard !base.isEmpty else { throw ValidationError("no query class is named \(only ?? "")") }
        let all = base + base.map { $0.filtered(source: source) } + base.map { $0.filtered(since: since) }
        let deep = BenchQuery("deep page", base[0].query)
        let deepPage = only == nil ? [try ScaleSearch(deep, offset: deepOffset)] : []
        let searches = try all.map { try ScaleSearch($0, offset: 0) } + deepPage
        let (stories, passing) = try bare.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM story") ?? 0,
                try Self.passingShares(db, source: source, since: searches.first { $0.since != nil }?.since)
            )
        }
        print(
            "index: \(stories) stories, \(sightings) sightings; \(searches.count) queries; "
                + "--source \"\(source)\" passes \(passing.source), --since \(since) passes \(passing.since) of sightings"
        )

        // Checked once, untimed: each answer against the reference. This is also the warm-up.
        var checks: [String: [ScaleCheck]] = [:]
        for search in searches {
            let results = try store.search(search.request)
            let reference = try bare.read { db in
                try ExhaustiveRanking(db, expression: search.expression, source: search.source, since: search.since)
            }
            _ = try bare.read { db in try search.bareTop(db) }
            checks[search.kind, default: []].append(try ScaleCheck(search, results, reference))
        }

        var engine: [String: [Double]] = [:]
        var fts: [String: [Double]] = [:]
        for _ in 0..<passes {
            for search in searches {
                let started = ContinuousClock.now
                _ = try store.search(search.request)
                engine[search.kind, default: []].append(Latency.milliseconds(since: started))
                let bareStarted = ContinuousClock.now
                _ = try bare.read { db in try search.bareTop(db) }
                fts[search.kind, default: []].append(Latency.milliseconds(since: bareStarted))
            }
        }

        print("\n\(passes) passes after one untimed; ms. h20q = StoryStore.search (folded, filters applied);")
        print("FTS5 = bare `MATCH ... ORDER BY bm25 LIMIT 10` on the same index, which cannot apply the filters;")
        print("agreement = positions of h20q's top 10 equal to the exhaustive reference's, mean per query;")
        print("total = h20q's total against the reference's count of groups")
        print(
            Latency.row(
                ["class", "h20q p50", "p99", "FTS5 p50", "p99", "p50 ratio", "agreement", "total"], first: 22, width: 11
            ))
        var kinds: [String] = []
        for search in searches where !kinds.contains(search.kind) { kinds.append(search.kind) }
        for kind in kinds {
            let (mine, bareTimes, kindChecks) = (engine[kind] ?? [], fts[kind] ?? [], checks[kind] ?? [])
            let agreement = Double(kindChecks.map(\.agreeing).reduce(0, +)) / Double(max(1, kindChecks.count))
            print(
                Latency.row(
                    [
                        kind, Latency.format(Latency.percentile(mine, 0.5)),
                        Latency.format(Latency.percentile(mine, 0.99)),
                        Latency.format(Latency.percentile(bareTimes, 0.5)),
                        Latency.format(Latency.percentile(bareTimes, 0.99)),
                        String(format: "%.1f", Latency.percentile(mine, 0.5) / Latency.percentile(bareTimes, 0.5)),
                        String(format: "%.1f/10", agreement), ScaleCheck.totals(kindChecks),
                    ], first: 22, width: 11))
        }

        let disagreements = checks.values.joined().filter { $0.agreeing < 10 || !$0.totalIsRight }
        if !disagreements.isEmpty {
            print("\nanswers that differ from the reference:")
            for check in disagreements.sorted(by: { $0.label < $1.label }) { print("  " + check.description) }
        }

        let classes = kinds.filter { $0 != "deep page" }
        let p50 = classes.map { (kind: $0, ms: Latency.percentile(engine[$0] ?? [], 0.5)) }.max { $0.ms < $1.ms }
        let p99 = classes.map { (kind: $0, ms: Latency.percentile(engine[$0] ?? [], 0.99)) }.max { $0.ms < $1.ms }
        let agreements = classes.map { kind in
            let kindChecks = checks[kind] ?? []
            return (kind: kind, mean: Double(kindChecks.map(\.agreeing).reduce(0, +)) / Double(kindChecks.count))
        }
        let worst = agreements.min { $0.mean < $1.mean }
        print("\ntargets (they apply at 200,000 stories), over the \(classes.count) classes other than the deep page:")
        if let p50, let p99, let worst {
            print(
                "  p50 <= 10 ms: \(p50.ms <= 10 ? "met" : "missed") (slowest \(p50.kind), \(Latency.format(p50.ms)) ms)"
            )
            print(
                "  p99 <= 50 ms: \(p99.ms <= 50 ? "met" : "missed") (slowest \(p99.kind), \(Latency.format(p99.ms)) ms)"
            )
            print(
                "  agreement >= 9/10: \(worst.mean >= 9 ? "met" : "missed") "
                    + "(lowest \(worst.kind), \(String(format: "%.1f", worst.mean))/10)")
        }
    }

    /// The date (day) from which a quarter of the dated sightings are published: a `--since`
    /// that passes a fraction of the index whatever its size.
    private static func lastQuarterStart(_ db: Database) throws -> String {
        let published = try String.fetchOne(
            db,
            sql: """
                SELECT published FROM sighting WHERE published IS NOT NULL ORDER BY published DESC
                LIMIT 1 OFFSET (SELECT count(published) FROM sighting) / 4
                """)
        return String((published ?? "1970-01-01").prefix(10))
    }

    /// The share of sightings each filter passes, as "12.3%".
    private static func passingShares(_ db: Database, source: String, since: String?) throws -> (
        source: String, since: String
    ) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT avg(coalesce(source = :source COLLATE NOCASE, 0)), avg(coalesce(published >= :since, 0))
                FROM sighting
                """,
            arguments: ["source": source, "since": since])
        let share = { (value: Double?) in String(format: "%.1f%%", (value ?? 0) * 100) }
        return (share(row?[0]), share(row?[1]))
    }
}
