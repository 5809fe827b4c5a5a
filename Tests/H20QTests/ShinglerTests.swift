import H20QFixtures
import Testing

@testable import H20QDedup
@testable import H20QInput

struct ShinglerTests {
    /// The shingle sets' radix sort orders as the standard sort does: short arrays (sorted the
    /// standard way), repeats, values sharing bytes (passes skipped), spread values.
    @Test(arguments: [0, 1, 2, 63, 64, 65, 300, 1_000, 5_000])
    func radixSortOrdersAsTheStandardSort(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) + 1)
        let spread = (0..<count).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
        let repeated = (0..<count).map { _ in UInt32.random(in: 0...50, using: &generator) }
        let sharedHighBytes = (0..<count).map { _ in 0xAB00_0000 | UInt32.random(in: 0...0xFFFF, using: &generator) }
        for values in [spread, repeated, sharedHighBytes, spread.sorted(), spread.sorted().reversed()] {
            var sorted = values
            sorted.radixSort()
            #expect(sorted == values.sorted())
        }
    }

    let shingler = Shingler(size: 5)

    func shingles(_ text: String) -> [UInt64] {
        shingler.shingles(ofWords: shingler.wordHashes(of: text))
    }

    @Test(arguments: [
        ("", 0),
        ("one", 1),
        ("one two three four", 1),
        ("one two three four five", 1),
        ("one two three four five six", 2),
        ("a b c d e a b c d e", 5),  // the repeated window counts once
    ])
    func shingleCounts(_ text: String, _ count: Int) {
        #expect(shingles(text).count == count)
    }

    @Test func hashesAreFixedAcrossRuns() {
        // Stored indexes depend on these values; changing them needs a new fingerprint version.
        #expect(StableHash.fnv1a(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(
            shingles("export controls on ai chips") == [
                StableHash.combine(shingler.wordHashes(of: "export controls on ai chips"))
            ])
        #expect(StableHash.combine([1, 2] as [UInt64]) != StableHash.combine([2, 1] as [UInt64]))
        #expect(StableHash.mix(0) == 0)
        #expect(StableHash.mix(1) == 0xb456_bcfc_34c2_cb2c)
    }

    @Test func shinglesAreSortedAndDistinct() {
        let hashes = shingles("the cat sat on the mat and the cat sat on the mat again today")
        #expect(hashes == hashes.sorted())
        #expect(Set(hashes).count == hashes.count)
    }

    @Test func shingleSetKeepsHighBits() {
        let set = ShingleSet(hashes: [0x0000_0002_0000_0000, 0x0000_0001_ffff_ffff, 0x0000_0002_1234_5678])
        #expect(set.values == [1, 2])
        #expect(set.intersectionCount(with: ShingleSet(sortedValues: [2, 3])) == 1)
    }

    @Test func pathsGoByDistinctShinglesEvenWhenTwoShareTheirTop32Bits() {
        // Two shingles whose 64-bit hashes differ but share their top 32 bits.
        let first = (48485...48489).map { "w\($0)" }.joined(separator: " ")
        let second = (97073...97077).map { "w\($0)" }.joined(separator: " ")
        let collide = shingles(first) + shingles(second)
        #expect(collide.count == 2 && collide[0] != collide[1] && collide[0] >> 32 == collide[1] >> 32)

        // 40 distinct shingles, 39 distinct 32-bit values: sampled, as 40 shingles are.
        let filler = (1...34).map { "filler\($0)" }.joined(separator: " ")
        let fingerprinter = Fingerprinter(parameters: .standard)
        let sampled = fingerprinter.fingerprint(title: first, body: second + " " + filler)
        #expect(shingles(first + " " + second + " " + filler).count == 40)
        #expect(sampled.shingles.count == 39)
        #expect(
            sampled.sampleKeys
                == ContainmentSampler(modulus: DedupParameters.standard.sampleModulus).sample(
                    of: shingles(first + " " + second + " " + filler)))
        #expect(!sampled.sampleKeys.isEmpty)

        // 50 distinct shingles, 49 distinct 32-bit values: not banded, as 50 shingles are not.
        let more = (1...44).map { "filler\($0)" }.joined(separator: " ")
        let long = fingerprinter.fingerprint(title: first, body: second + " " + more)
        #expect(long.shingles.count == 49)
        #expect(long.bandKeys.isEmpty)
    }
}
