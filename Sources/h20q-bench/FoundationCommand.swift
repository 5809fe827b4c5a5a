import ArgumentParser
import Foundation
import H20QInput

/// Times h20q's hand-written JSON parser and date parser against Foundation's on the lines of
/// a JSON Lines corpus, and counts the lines and dates Foundation would lose: the measurements
/// behind the reasons written at the top of `JSONParser` and `PublishedDate`.
struct FoundationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foundation",
        abstract: "Compare the JSON and date parsers with Foundation's on a JSON Lines corpus.")

    @Option(help: "Rounds; the best is printed.")
    var rounds = 5

    @Argument(help: "A JSON Lines file (not gzip).")
    var corpus: String

    func run() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
        let lines = data.split(separator: UInt8(ascii: "\n")).map { Array($0) }
        let megabytes = Double(data.count) / 1e6
        func best(_ body: () -> Void) -> Double {
            (0..<rounds).map { _ in
                let start = ContinuousClock.now
                body()
                let elapsed = ContinuousClock.now - start
                return Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
            }.min()!
        }
        var refused = 0
        let ours = best {
            refused = 0
            for line in lines {
                let parsed = line.withUnsafeBufferPointer { try? JSONParser.parse($0) }
                if parsed == nil { refused += 1 }
            }
        }
        var foundationRefused = 0
        let foundation = best {
            foundationRefused = 0
            for line in lines {
                if (try? JSONSerialization.jsonObject(with: Data(line))) == nil { foundationRefused += 1 }
            }
        }
        print(String(format: "JSON, %d lines, %.1f MB, best of %d", lines.count, megabytes, rounds))
        print(String(format: "  JSONParser          %6.3f s  %6.1f MB/s  refused %d", ours, megabytes / ours, refused))
        print(
            String(
                format: "  JSONSerialization   %6.3f s  %6.1f MB/s  refused %d", foundation, megabytes / foundation,
                foundationRefused))

        let dates = lines.compactMap { line -> String? in
            guard case .string(let text)? = try? line.withUnsafeBufferPointer({ try JSONParser.parse($0) })["published"]
            else { return nil }
            return text
        }
        var parsed = 0
        let dateTime = best { parsed = dates.reduce(0) { $0 + (PublishedDate($1) == nil ? 0 : 1) } }
        let formatter = ISO8601DateFormatter()
        var foundationParsed = 0
        let foundationTime = best {
            foundationParsed = dates.reduce(0) { $0 + (formatter.date(from: $1) == nil ? 0 : 1) }
        }
        print("dates, \(dates.count) values")
        print(String(format: "  PublishedDate         %6.3f s  parsed %d", dateTime, parsed))
        print(String(format: "  ISO8601DateFormatter  %6.3f s  parsed %d", foundationTime, foundationParsed))
    }
}
