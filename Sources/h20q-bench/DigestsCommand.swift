import ArgumentParser
import Foundation
import H20QFixtures
import H20QInput

/// Writes made-up digests of a corpus: each the title and text of 3 to 5 of its stories
/// pasted one after another, as newsletters, "top stories" blocks and market wraps are made.
/// Their stories have nothing to do with each other, so a digest must fold none of them
/// together (`Scripts/check-dedup --compilations`).
struct DigestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digests", abstract: "Write digests of a corpus's stories as JSON Lines to standard output.")

    @Option(help: "Digests to write.")
    var count = 80

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 9

    @Option(help: "Least words of a story taken into a digest (shorter ones are left out).")
    var minimumWords = 60

    @Argument(help: "The corpus (JSON Lines, gzip or not).")
    var corpus: String

    func run() throws {
        var stories: [IncomingStory] = []
        for file in InputFiles.expand([corpus], format: nil).files {
            file.read { event, _ in
                guard case .story(let story) = event else { return }
                if story.body.split(separator: " ").count >= minimumWords { stories.append(story) }
            }
        }
        guard stories.count >= 5 else { throw ValidationError("the corpus has too few long stories") }
        var random = SeededGenerator(seed: seed)
        var output = ""
        for number in 0..<count {
            var picked: [IncomingStory] = []
            let size = 3 + random.next(below: 3)
            while picked.count < size {
                let story = stories[random.next(below: stories.count)]
                if !picked.contains(where: { $0.id.isSameID(story.id) }) { picked.append(story) }
            }
            let body = picked.map { "\($0.title)\n\n\($0.body)" }.joined(separator: "\n\n")
            let object = JSONValue.object([
                ("id", .string("digest-\(number)")), ("title", .string("Top stories \(number)")),
                ("body", .string(body)), ("source", .string("Digest")),
            ])
            output += object.serialized + "\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
