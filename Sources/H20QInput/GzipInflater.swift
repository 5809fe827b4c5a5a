import CZlib

/// Streaming gzip (and zlib) decompression with zlib, in pieces of bounded size: input is
/// handed over as it is read, output taken a piece at a time, so a small file that inflates
/// to gigabytes never sits in memory whole. Concatenated gzip members, as `cat a.gz b.gz`
/// makes, decompress as one stream; zero bytes padding the end are ignored.
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var output = [UInt8](repeating: 0, count: 1 << 20)
    /// True between the end of one member and the start of the next.
    private(set) var atMemberEnd = false
    /// Whether a member has ended: input cut short after one is trailing bytes, not a
    /// truncated stream.
    private(set) var completedMember = false

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

    /// Whether input handed over is still waiting to be inflated.
    var needsInput: Bool { inputOffset >= input.count }

    /// Hands over compressed bytes; call only when `needsInput`.
    func feed(_ bytes: ArraySlice<UInt8>) {
        input = Array(bytes)
        inputOffset = 0
    }

    /// Inflates what it can of the input handed over, up to 1 MiB of output.
    func next() throws(Failure) -> [UInt8] {
        while !needsInput {
            if atMemberEnd {
                // Trailing zeros (tape-style padding) end the stream; anything else starts a member.
                if input[inputOffset...].allSatisfy({ $0 == 0 }) {
                    inputOffset = input.count
                    return []
                }
                inflateReset(stream)
                atMemberEnd = false
            }
            let (status, consumed, produced) = input.withUnsafeMutableBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    stream.pointee.next_in = source.baseAddress! + inputOffset
                    stream.pointee.avail_in = uInt(source.count - inputOffset)
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = uInt(target.count)
                    let status = inflate(stream, Z_NO_FLUSH)
                    return (
                        status, source.count - inputOffset - Int(stream.pointee.avail_in),
                        target.count - Int(stream.pointee.avail_out)
                    )
                }
            }
            inputOffset += consumed
            switch status {
            case Z_OK:
                break
            case Z_BUF_ERROR where produced > 0 || consumed > 0:
                break
            case Z_STREAM_END:
                atMemberEnd = true
                completedMember = true
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw Failure(message: "corrupt gzip data (\(detail))")
            }
            if produced > 0 { return Array(output[0..<produced]) }
        }
        return []
    }
}
