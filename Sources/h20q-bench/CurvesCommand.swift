import ArgumentParser
import Foundation
import H20QDedup
import H20QSearch

/// The expected recall of each candidate path, computed from the index parameters: what the
/// README's tables show.
struct CurvesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves", abstract: "Print the expected recall curve of each candidate path.")

    func run() {
        let parameters = DedupParameters.standard
        let banding = LSHBanding(bands: parameters.bands, rows: parameters.rowsPerBand)
        print(
            "Jaccard path: MinHash LSH, \(parameters.bands) bands x \(parameters.rowsPerBand) rows (stories under \(parameters.bandedBelow) shingles)"
        )
        print("  Jaccard    P(candidate)")
        for jaccard in [0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] {
            print(String(format: "  %.2f       %.5f", jaccard, banding.candidateProbability(jaccard: jaccard)))
        }
        let prefilter = ContainmentPrefilter(
            threshold: parameters.rule.containment, missRate: parameters.prefilterMissRate)
        let m = Double(parameters.sampleModulus)
        print("")
        print(
            "Containment path: mod-\(parameters.sampleModulus) sample + shared-sample prefilter (stories of \(parameters.sampledFrom)+ shingles)"
        )
        print("  shorter story   P(found) at containment 0.80   0.85    0.90    1.00")
        for size in [40, 50, 60, 80, 100, 150, 200, 400, 800] {
            let row = [0.8, 0.85, 0.9, 1.0].map { containment in
                Self.found(
                    size: size, shared: Int((Double(size) * containment).rounded(.up)), rate: 1 / m,
                    prefilter: prefilter)
            }
            print(
                String(
                    format: "  %4d shingles   %.4f                         %.4f  %.4f  %.4f", size, row[0], row[1],
                    row[2], row[3]))
        }
    }

    /// Probability that a story of `size` shingles, `shared` of them in the other story, is a
    /// candidate: at least the prefilter's minimum of its sampled shingles are shared.
    static func found(size: Int, shared: Int, rate: Double, prefilter: ContainmentPrefilter) -> Double {
        var total = 0.0
        for inside in 0...shared {
            let pInside = binomial(shared, inside, rate)
            if pInside < 1e-15 { continue }
            for outside in 0...(size - shared) {
                let pOutside = binomial(size - shared, outside, rate)
                if pOutside < 1e-15 { continue }
                if inside >= 1 && inside >= prefilter.minimumShared(samples: inside + outside) {
                    total += pInside * pOutside
                }
            }
        }
        return total
    }

    static func binomial(_ n: Int, _ k: Int, _ p: Double) -> Double {
        guard k >= 0 && k <= n else { return 0 }
        let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        return exp(logChoose + Double(k) * log(p) + Double(n - k) * log(1 - p))
    }
}
