import ArgumentParser
import Foundation
import H20QDedup
import H20QFixtures
import H20QInput
import H20QSearch
import H20QStore

/// Writes a synthetic wire corpus as JSON Lines, for benchmarks where the Reuters corpus is
/// absent: Zipf-distributed words in stories of wire length, with republications (light
/// edits, added paragraphs, exact copies) mixed in at wire-like rates.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a synthetic corpus of JSON Lines to standard output.")

    @Option(help: "Stories to write.")
    var stories = 10_944

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    func run() {
        var random = SeededGenerator(seed: seed)
        func next() -> UInt64 { random.next() }
        // Zipf(1) over a 20,000-word vocabulary through its cumulative table.
        let vocabulary = 20_000
        var cumulative = [Double]()
        var sum = 0.0
        for rank in 1...vocabulary {
            sum += 1 / Double(rank)
            cumulative.append(sum)
        }
        func word() -> String {
            let target = Double(next() % 1_000_000_000) / 1_000_000_000 * sum
            var low = 0
            var high = vocabulary - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] < target { low = middle + 1 } else { high = middle }
            }
            return "w\(low)"
        }
        func text(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
        var output = ""
        var previous: (title: String, body: String)?
        for n in 0..<stories {
            var title = text(8)
            var body = next() % 12 == 0 ? "" : text(40 + Int(next() % 260))
            if let last = previous {
                switch next() % 20 {
                case 0: (title, body) = last
                case 1:
                    body = last.body.split(separator: " ").map { next() % 50 == 0 ? word() : String($0) }.joined(
                        separator: " ")
                case 2: body = last.body + " " + text(40)
                default: break
                }
            }
            previous = (title, body)
            output +=
                #"{"id":"gen-\#(n)","title":"\#(title)","body":"\#(body)","source":"Generated","published":"2025-08-13T00:00:00Z"}"#
                + "\n"
            if output.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
