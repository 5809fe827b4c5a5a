import ArgumentParser
import Foundation
import H20QDedup
import H20QFixtures

/// Multiplies a corpus with related copies that are not the same story: each story, then
/// `copies` copies of it with a share of their words replaced by words drawn from the corpus
/// (as often as the corpus uses them). A tenth of the words replaced leaves a copy sharing
/// about 35-60% of its 5-word shingles with its story, as same-topic wire stories, market
/// reports and templates do: candidates that the duplicate rule must check and turn down.
struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "Write a corpus of JSON Lines with related copies of each story to standard output.",
        discussion: """
            Reads JSON Lines objects with id, title and body (other fields are kept). Each story \
            is written, then --copies copies with id ID~rN and each word of title and body \
            replaced with probability --replace by a word drawn from the corpus's own words. \
            The same seed writes the same copies. --truth writes a line per copy: its id, its \
            story's id, and whether the duplicate rule calls the two the same story (same: few of \
            its words were replaced, as in a short story) or not (related), separated by tabs.
            """)

    @Option(help: "Related copies of each story.")
    var copies = 9

    @Option(help: "Share of the words replaced in a copy.")
    var replace = 0.1

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write the truth file here.", valueName: "path"))
    var truth: String?

    @Argument(help: "A file of JSON Lines.")
    var path: String

    func validate() throws {
        guard copies >= 0 else { throw ValidationError("--copies must be 0 or more (got \(copies))") }
        guard (0...1).contains(replace) else {
            throw ValidationError("--replace must be within 0...1 (got \(replace))")
        }
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        var stories: [[String: Any]] = []
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                object["id"] is String
            else { throw ValidationError("\(path):\(number + 1): not a JSON object with an id") }
            stories.append(object)
        }
        // Every word of every body, once per use: a uniform draw is a draw by frequency.
        let words = stories.flatMap { Self.words(of: $0["body"] as? String ?? "") }
        guard !words.isEmpty || copies == 0 || replace == 0 else { throw ValidationError("\(path): no words") }
        let output = FileHandle.standardOutput
        var buffer = Data()
        var truthLines = ""
        var jaccards: [Double] = []
        var containments: [Double] = []
        let fingerprinter = Fingerprinter(parameters: .standard)
        func shingles(_ story: [String: Any]) -> ShingleSet {
            fingerprinter.fingerprint(title: story["title"] as? String ?? "", body: story["body"] as? String ?? "")
                .shingles
        }
        for story in stories {
            let id = story["id"] as! String
            let own = truth == nil ? nil : shingles(story)
            for copy in 0...copies {
                var written = story
                if copy > 0 {
                    // Seeded by the id: the same copies whatever the order of the stories.
                    var random = SeededGenerator(
                        seed: seed ^ StableHash.fnv1a(id.utf8) ^ UInt64(copy) &* 0x9E37_79B9_7F4A_7C15)
                    written["id"] = "\(id)~r\(copy)"
                    for field in ["title", "body"] {
                        guard let text = story[field] as? String else { continue }
                        written[field] = Self.words(of: text).map { word in
                            Double(random.next() >> 11) / Double(1 << 53) < replace
                                ? words[random.next(below: words.count)] : word
                        }.joined(separator: " ")
                    }
                    if let own {
                        let similarity = DedupParameters.standard.rule.compare(own, shingles(written))
                        jaccards.append(similarity.jaccard)
                        containments.append(similarity.containment)
                        truthLines += "\(id)~r\(copy)\t\(id)\t\(similarity.isSameStory ? "same" : "related")\n"
                    }
                }
                buffer += try JSONSerialization.data(withJSONObject: written, options: [.sortedKeys])
                buffer.append(UInt8(ascii: "\n"))
            }
            if buffer.count >= 1 << 20 {
                output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        output.write(buffer)
        if let truth {
            guard FileManager.default.createFile(atPath: truth, contents: Data(truthLines.utf8)) else {
                throw ValidationError("cannot write \(truth)")
            }
            func median(_ values: [Double]) -> String {
                values.isEmpty ? "-" : String(format: "%.2f", values.sorted()[values.count / 2])
            }
            FileHandle.standardError.write(
                Data(
                    """
                    copies \(jaccards.count): with their story, median Jaccard \(median(jaccards)), \
                    containment \(median(containments)) (of the shorter one's shingles)

                    """.utf8))
        }
    }

    private static func words(of text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }
}
