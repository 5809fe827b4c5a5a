/// Locality-sensitive hashing over MinHash signatures: the signature is cut into `bands` bands
/// of `rows` values, each band hashed to one key. Stories sharing any key are candidates.
///
/// A pair of Jaccard similarity s shares a key with probability 1 - (1 - s^rows)^bands;
/// with 20 bands of 6 rows: 0.99999 at s = 0.85, 0.998 at 0.8, 0.92 at 0.7, 0.27 at 0.5.
///
///     LSHBanding(bands: 20, rows: 6).keys(of: signature).count -> 20
public struct LSHBanding: Sendable {
    public let bands: Int
    public let rows: Int

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0, "LSH needs at least one band of one row.")
        self.bands = bands
        self.rows = rows
    }

    /// One key per band; the band's index is part of its key.
    public func keys(of signature: [UInt64]) -> [Int64] {
        precondition(signature.count >= bands * rows, "Signature shorter than bands x rows.")
        return (0..<bands).map { band in
            var hash = StableHash.mix(0x6c73_6862_616e_6400 | UInt64(band))
            for value in signature[(band * rows)..<((band + 1) * rows)] {
                hash = StableHash.mix(hash ^ value)
            }
            return Int64(bitPattern: hash)
        }
    }

    /// Probability that a pair of Jaccard similarity `jaccard` shares at least one key.
    public func candidateProbability(jaccard: Double) -> Double {
        1 - pow1(1 - pow1(jaccard, rows), bands)
    }
}
