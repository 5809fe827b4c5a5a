import ArgumentParser
import H20QDedup
import H20QIngest
import H20QInput
import H20QSearch
import H20QStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty index and print the parameters fixed in it.",
        discussion: "Ingesting into a folder without an index creates one the same way.")

    @OptionGroup var options: IndexOptions

    func run() throws {
        let existed = options.location.exists
        let store = try options.open(.readWrite(creating: .standard))
        print(existed ? "index \(store.location) already exists" : "created index \(store.location)")
        print(ParameterText.lines(store.parameters).joined(separator: "\n"))
    }
}

/// The parameters of an index in words.
enum ParameterText {
    static func lines(_ p: DedupParameters) -> [String] {
        [
            "  shingles: \(p.shingleSize) words; MinHash \(p.permutations) permutations, LSH \(p.bands) bands x \(p.rowsPerBand) rows for stories under \(p.bandedBelow) shingles",
            "  containment sample: shingle hashes divisible by \(p.sampleModulus) for stories of \(p.sampledFrom)+ shingles, stock phrases capped at \(p.sampleCap) stories",
            "  same story: Jaccard >= \(p.rule.jaccard), or containment >= \(p.rule.containment) with both stories >= \(p.rule.containmentMinShingles) shingles",
        ]
    }
}
