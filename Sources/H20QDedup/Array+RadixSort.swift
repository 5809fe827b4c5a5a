extension Array where Element == UInt32 {
    /// Sorts in place, ascending, by the value's four bytes, least significant first: every
    /// story's shingle set is sorted once (a few hundred uniformly spread values), where
    /// comparison sorting had been a tenth of the reading thread's instructions.
    package mutating func radixSort() {
        guard count >= 64 else {
            sort()
            return
        }
        let count = self.count
        withUnsafeMutableBufferPointer { values in
            let scratch = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count)
            defer { scratch.deallocate() }
            // The four bytes' histograms, counted in one pass.
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: 4 * 256)
            defer { counts.deallocate() }
            counts.initialize(repeating: 0, count: 4 * 256)
            for value in values {
                counts[Int(value & 0xFF)] += 1
                counts[256 + Int((value >> 8) & 0xFF)] += 1
                counts[512 + Int((value >> 16) & 0xFF)] += 1
                counts[768 + Int(value >> 24)] += 1
            }
            var source = values
            var target = scratch
            for pass in 0..<4 {
                let histogram = counts + pass * 256
                let shift = UInt32(pass * 8)
                // A byte all values share moves nothing.
                if histogram[Int((source[0] >> shift) & 0xFF)] == count { continue }
                var offset = 0
                for bucket in 0..<256 {
                    let size = histogram[bucket]
                    histogram[bucket] = offset
                    offset += size
                }
                for value in source {
                    let bucket = Int((value >> shift) & 0xFF)
                    target[histogram[bucket]] = value
                    histogram[bucket] += 1
                }
                swap(&source, &target)
            }
            if source.baseAddress != values.baseAddress {
                values.baseAddress!.update(from: source.baseAddress!, count: count)
            }
        }
    }
}
