import Testing

@testable import H20QCore

struct ShinglerTests {
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
}
