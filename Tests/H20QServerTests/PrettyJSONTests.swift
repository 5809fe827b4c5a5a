import Foundation
import H20QFixtures
import Testing

@testable import H20QSearch
@testable import H20QServer

/// A search's answer written directly must be the bytes Foundation's encoder writes, for any
/// text and any number: `--json` and the daemon promise the same bytes as before.
struct PrettyJSONTests {
    /// Pieces of text that exercise every escape and none: controls, quotes, backslashes,
    /// slashes, DEL, non-ASCII, astral scalars, line and paragraph separators, NEL.
    static let pieces = [
        "chip", " ", "export", "\"", "\\", "/", "\n", "\r\n", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{c}", "\u{1b}",
        "\u{1f}", "\u{7f}", "é", "…", "**", "😀", "\u{2028}", "\u{2029}", "\u{85}", "Zelenskiy", "<b>", "&amp;",
    ]

    static let numbers: [Double] = [
        0, -0.0, 1, 100, 0.5, 0.1, 1e-7, 2.5e-5, 1e-5, 0.0001, 1e16, 1e21, 1.5e300, 8.246084541353634,
        -3.75, 0.9999, 1.234_567_890_123_456_8e17, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
    ]

    @Test func randomAnswersAreTheEncodersBytes() throws {
        var random = SeededGenerator(seed: 11)
        for round in 0..<400 {
            let results = Self.results(&random, hits: round % 13)
            let direct = try #require(results.prettyJSON)
            let reference = try JSONBody.encodedByFoundation(results)
            // Byte for byte (String's == would take canonically equal text as equal); a failure
            // shows both as text.
            #expect(
                direct.elementsEqual(reference),
                "round \(round):\n\(String(decoding: direct, as: UTF8.self))\nexpected:\n\(String(decoding: reference, as: UTF8.self))"
            )
            if direct != reference { return }
        }
    }

    @Test func anInfiniteScoreFailsAsTheEncoderDoes() throws {
        var random = SeededGenerator(seed: 13)
        var results = Self.results(&random, hits: 1)
        results.hits[0].score = .infinity
        #expect(results.prettyJSON == nil)
        #expect(throws: (any Error).self) { try JSONBody.encode(results) }
    }

    static func results(_ random: inout SeededGenerator, hits: Int) -> SearchResults {
        SearchResults(
            query: text(&random), total: random.next(below: 100_000), totalIsEstimate: random.next(below: 2) == 0,
            hits: (0..<hits).map { _ in
                SearchHit(
                    id: text(&random), title: text(&random), source: maybe(&random), url: maybe(&random),
                    published: maybe(&random), score: number(&random), snippet: text(&random),
                    duplicates: (0..<random.next(below: 4)).map { _ in
                        SearchHit.Duplicate(
                            id: text(&random), source: maybe(&random), published: maybe(&random),
                            similarity: number(&random))
                    })
            })
    }

    static func text(_ random: inout SeededGenerator) -> String {
        (0..<random.next(below: 12)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
    }

    static func maybe(_ random: inout SeededGenerator) -> String? {
        random.next(below: 3) == 0 ? nil : text(&random)
    }

    static func number(_ random: inout SeededGenerator) -> Double {
        switch random.next(below: 3) {
        case 0: numbers[random.next(below: numbers.count)]
        case 1: Double(random.next(below: 1_000_000)) / 1000
        default: Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.next(below: 2) == 0 ? 1 : -1)
        }
    }
}
