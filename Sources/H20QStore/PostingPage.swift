import Foundation
import H20QDedup
import H20QInput

/// A page of a run: entries sorted by key, 20 bytes each (key, story, size; little-endian).
/// Read in place: a lookup finds its key by binary search on the page's bytes and decodes only
/// that key's entries (a page of a stock phrase's key holds a thousand entries or more).
struct PostingPage {
    private let data: Data
    /// Entries on the page.
    let count: Int

    static let entrySize = 20

    init(_ data: Data) {
        self.data = data
        count = data.count / Self.entrySize
    }

    /// Every entry, in order.
    var entries: [PostingEntry] {
        data.withUnsafeBytes { raw in (0..<count).map { Self.entry(raw, at: $0) } }
    }

    static func encode<C: Collection>(_ entries: C) -> Data where C.Element == PostingEntry {
        var data = Data(count: entries.count * entrySize)
        data.withUnsafeMutableBytes { raw in
            for (index, entry) in entries.enumerated() {
                let offset = index * entrySize
                raw.storeBytes(of: entry.key.littleEndian, toByteOffset: offset, as: Int64.self)
                raw.storeBytes(of: entry.story.littleEndian, toByteOffset: offset + 8, as: Int64.self)
                raw.storeBytes(
                    of: UInt32(clamping: entry.size).littleEndian, toByteOffset: offset + 16, as: UInt32.self)
            }
        }
        return data
    }

    /// Whether `key` falls in this page's range: if it is anywhere in the run, it is here.
    func covers(_ key: Int64) -> Bool {
        guard count > 0 else { return false }
        return data.withUnsafeBytes { raw in Self.key(raw, at: 0) <= key && key <= Self.key(raw, at: count - 1) }
    }

    /// The positions of `key`'s entries.
    func range(of key: Int64) -> Range<Int> {
        data.withUnsafeBytes { raw in
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                if Self.key(raw, at: middle) < key { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < count && Self.key(raw, at: end) == key { end += 1 }
            return low..<end
        }
    }

    /// Appends the postings at `range` (from `range(of:)`) to `postings`.
    func append(_ range: Range<Int>, to postings: inout [Posting]) {
        data.withUnsafeBytes { raw in
            for index in range {
                let entry = Self.entry(raw, at: index)
                postings.append(Posting(story: entry.story, size: entry.size))
            }
        }
    }

    private static func key(_ raw: UnsafeRawBufferPointer, at index: Int) -> Int64 {
        Int64(littleEndian: raw.loadUnaligned(fromByteOffset: index * entrySize, as: Int64.self))
    }

    private static func entry(_ raw: UnsafeRawBufferPointer, at index: Int) -> PostingEntry {
        let offset = index * entrySize
        return PostingEntry(
            key: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)),
            story: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self)),
            size: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))))
    }
}
