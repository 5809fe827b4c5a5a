import CZlib

/// Streaming gzip (and zlib) decompression with zlib. Concatenated gzip members, as
/// `cat a.gz b.gz` makes, decompress as one stream.
///
///     let inflater = try GzipInflater(); try inflater.inflate(chunk) -> decompressed bytes
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 1 << 18)
    /// True between the end of one member and the start of the next.
    private(set) var atMemberEnd = false

    struct Failure: Error {
        var message: String
    }

    init() throws(Failure) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: the largest window, with gzip or zlib header detected automatically.
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw Failure(message: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Decompresses `input` entirely and returns what it yields.
    func inflate(_ input: UnsafeRawBufferPointer) throws(Failure) -> [UInt8] {
        var result = [UInt8]()
        guard let base = input.baseAddress, input.count > 0 else { return result }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        while stream.pointee.avail_in > 0 {
            if atMemberEnd {
                inflateReset(stream)
                atMemberEnd = false
            }
            let (status, produced) = output.withUnsafeMutableBufferPointer { buffer in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(buffer.count)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            result.append(contentsOf: output[0..<produced])
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                atMemberEnd = true
            case Z_BUF_ERROR where produced > 0:
                continue
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw Failure(message: "corrupt gzip data (\(detail))")
            }
        }
        stream.pointee.next_in = nil
        return result
    }
}
