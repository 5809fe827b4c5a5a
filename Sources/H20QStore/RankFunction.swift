import Foundation
import GRDB
import GRDBSQLite

/// `h20q_rank(story_fts, idf, avgdl)`: FTS5's bm25 with h20q's column weights, given the
/// inverse document frequency of each phrase of the query (a blob of doubles, FTS5's phrase
/// order) and the average story length instead of computing them.
///
/// FTS5's own `bm25()` counts, for every statement it runs in, the stories matching each
/// phrase of the query over the whole table: for a common word that is one pass over a list
/// of 150,000 stories, even when the statement asks for ten stories of one rowid range. The
/// ranked search computes those counts once per query (`StoreReader.phraseHits`) and then
/// scores only the stories it looks at. The arithmetic is bm25's, term for term in the same
/// order, so that both give the very same doubles.
package enum RankFunction {
    static let name = "h20q_rank"
    package static let k1 = 1.2
    package static let b = 0.75
    /// Title weight over body: a word in the headline says more about a story.
    package static let titleWeight = 3.0

    /// bm25's term for one phrase: its weighted frequency `frequency` in a story of `length`
    /// tokens, times its `idf` (FTS5: `sqlite3Fts5Bm25`).
    @inline(__always)
    package static func term(idf: Double, frequency: Double, length: Double, averageLength: Double) -> Double {
        idf * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * length / averageLength)))
    }

    /// FTS5's inverse document frequency of a phrase matched by `hits` of `rows` stories.
    package static func idf(hits: Int, rows: Int) -> Double {
        let idf = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0 ? 1e-6 : idf
    }

    /// Makes the function known to the connection; a reading connection's function has a
    /// `RankContext` (lengths in memory, matches collected).
    static func register(_ db: Database) throws {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else {
            throw StoreError(.database, "this SQLite's FTS5 cannot take functions")
        }
        var context: UnsafeMutableRawPointer?
        if db.configuration.readonly {
            context = Unmanaged.passRetained(RankContext.register(connection: db.sqliteConnection)).toOpaque()
        }
        let code = create(UnsafeMutablePointer(mutating: api), name, context, rankFunction, releaseContext)
        guard code == SQLITE_OK else { throw StoreError(.database, "cannot add \(name) to FTS5 (\(code))") }
    }
}

/// Called by SQLite when the connection closes: its context goes.
private func releaseContext(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<RankContext>.fromOpaque(context).takeRetainedValue().unregister()
}

/// The body of `h20q_rank` (see `RankFunction`): minus the score, as `bm25()` returns it.
private func rankFunction(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?, _ count: Int32,
    _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api = api?.pointee, let values, count == 2 else {
        sqlite3_result_error(context, "h20q_rank(story_fts, idf, avgdl) takes two arguments", -1)
        return
    }
    let phrases = Int(api.xPhraseCount!(fts))
    let idfBytes = Int(sqlite3_value_bytes(values[0]))
    guard idfBytes == phrases * 8, let idfs = sqlite3_value_blob(values[0]) else {
        sqlite3_result_error(context, "h20q_rank: one idf per phrase expected", -1)
        return
    }
    let averageLength = sqlite3_value_double(values[1])
    var instances: Int32 = 0
    guard api.xInstCount!(fts, &instances) == SQLITE_OK else {
        sqlite3_result_error_code(context, SQLITE_ERROR)
        return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequency in
        frequency.initialize(repeating: 0)
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        for index in 0..<instances {
            guard api.xInst!(fts, index, &phrase, &column, &offset) == SQLITE_OK else { continue }
            frequency[Int(phrase)] += column == 0 ? RankFunction.titleWeight : 1.0
        }
        var tokens: Int32 = 0
        if let rank = api.xUserData!(fts),
            let known = Unmanaged<RankContext>.fromOpaque(rank).takeUnretainedValue().scoring(api.xRowid!(fts))
        {
            tokens = known
        } else if api.xColumnSize!(fts, -1, &tokens) != SQLITE_OK {
            sqlite3_result_error_code(context, SQLITE_ERROR)
            return
        }
        let length = Double(tokens)
        var score = 0.0
        for index in 0..<phrases {
            let idf = idfs.loadUnaligned(fromByteOffset: index * 8, as: Double.self)
            score += RankFunction.term(
                idf: idf, frequency: frequency[index], length: length, averageLength: averageLength)
        }
        sqlite3_result_double(context, -1.0 * score)
    }
}
