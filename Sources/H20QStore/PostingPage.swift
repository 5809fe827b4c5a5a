import Foundation
import H20QDedup
import H20QInput

/// A page of a run: entries sorted by key, 20 bytes each (key, story, size; little-endian).
struct PostingPage {
    let entries: [PostingEntry]

    static let entrySize = 20

    init(_ data: Data) {
        entries = data.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count - Self.entrySize + 1, by: Self.entrySize).map { offset in
                PostingEntry(
                    key: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)),
                    story: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self)),
                    size: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self))))
            }
        }
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
        guard let first = entries.first, let last = entries.last else { return false }
        return first.key <= key && key <= last.key
    }

    func postings(of key: Int64) -> [Posting] {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        var postings: [Posting] = []
        while low < entries.count && entries[low].key == key {
            postings.append(Posting(story: entries[low].story, size: entries[low].size))
            low += 1
        }
        return postings
    }
}
