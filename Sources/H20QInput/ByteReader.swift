import Foundation
import H20QDedup

/// Reads a file or standard input in chunks, decompressing gzip transparently (detected by
/// its magic bytes, so `.gz` names are optional and gzip on stdin works).
///
/// What readers get is UTF-8, or bytes in an encoding a document declares: a UTF-8
/// byte-order mark at the start of the (decompressed) stream is dropped, and a UTF-16 one
/// (FF FE little-endian, FE FF big-endian, as Windows editors save "Unicode" text) is dropped
/// and the rest transcoded to UTF-8 as it streams (see `UTF16Decoder`), for every format.
///
///     FF FE 43 00 E9 00 -> 43 C3 A9 ("Cé")
final class ByteReader {
    let location: InputLocation
    /// The file's absolute path with links resolved: the same file however it was named.
    let realPath: String?
    /// Size of the file on disk, when known: what progress is measured against.
    let size: Int?
    /// Bytes read from the file so far, before decompression.
    private(set) var bytesRead = 0

    private let descriptor: Int32
    /// Whether reads may wait on the descriptor (a pipe, a FIFO, a terminal): those are polled,
    /// so that `stop` is heard while nothing arrives.
    private let mayBlock: Bool
    private let stop: @Sendable () -> Bool
    private var inflater: GzipInflater?
    private var sniffed = false
    private var finished = false
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)

    static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    /// Opens `path`, or standard input for `-`; `stop` ends the reading early when it says so.
    init(path: String, stoppingWhen stop: @escaping @Sendable () -> Bool = { false }) throws(InputProblem) {
        location = InputLocation(path: path)
        self.stop = stop
        if path == "-" {
            descriptor = STDIN_FILENO
            size = nil
            realPath = nil
            var info = stat()
            mayBlock = fstat(STDIN_FILENO, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputProblem(location, "cannot open: \(Self.errnoText())") }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputProblem(location, "is a directory")
        }
        descriptor = fd
        size = Int(info.st_size)
        mayBlock = (info.st_mode & S_IFMT) != S_IFREG
        realPath = Foundation.realpath(path, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        }
    }

    /// The identity of a story with neither id nor URL: the file's real path, with `#item`
    /// when the file holds several; on standard input, which has no path, a hash of the text.
    /// Control characters and `%` in the path are written `%XX`, so that every path gives a
    /// printable id of its own.
    ///
    ///     wire.jsonl line 3 -> "/data/wire.jsonl#3";  stdin -> "stdin:5f1c0a2e9b3d7c41"
    func fallbackID(item: Int?, title: String, body: String) -> String {
        guard let realPath else {
            let hash = StableHash.fnv1a(Array((title + "\n" + body).utf8))
            return "stdin:" + String(hash, radix: 16).leftPadded(to: 16)
        }
        let path = realPath.percentEscapingControlCharacters
        return item.map { "\(path)#\($0)" } ?? path
    }

    deinit {
        if descriptor != STDIN_FILENO { close(descriptor) }
    }

    /// The next decompressed chunk (at most 1 MiB read; up to 1.5 MiB once transcoded from
    /// UTF-16), or nil at the end. A byte-order mark at the start is dropped; after a UTF-16
    /// one, chunks are transcoded to UTF-8.
    func nextChunk() throws(InputProblem) -> [UInt8]? {
        while true {
            guard var chunk = try nextRawChunk() else {
                // The end: a character the last chunk left unfinished is U+FFFD.
                let rest = utf16?.finish() ?? []
                utf16 = nil
                return rest.isEmpty ? nil : rest
            }
            if !startSeen {
                startSeen = true
                // A pipe may deliver the first bytes one at a time: gather enough to tell.
                while chunk.count < Self.byteOrderMark.count, let more = try nextRawChunk() { chunk += more }
                if chunk.starts(with: Self.byteOrderMark) {
                    chunk.removeFirst(Self.byteOrderMark.count)
                } else if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) {
                    utf16 = UTF16Decoder(bigEndian: chunk[0] == 0xFE)
                    transcodedFromUTF16 = true
                    chunk.removeFirst(2)
                }
            }
            if utf16 != nil { chunk = utf16!.decode(chunk) }
            // A chunk that was only a mark, or half a character, is no chunk: read on.
            if !chunk.isEmpty { return chunk }
        }
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private var startSeen = false
    /// Transcodes the stream after a UTF-16 byte-order mark.
    private var utf16: UTF16Decoder?
    /// Whether the stream began with a UTF-16 byte-order mark, so that readers get it as UTF-8:
    /// a document's own declaration of UTF-16 (`encoding="UTF-16"`) no longer holds.
    private(set) var transcodedFromUTF16 = false

    private func nextRawChunk() throws(InputProblem) -> [UInt8]? {
        while true {
            if let inflater, !inflater.needsInput {
                do throws(GzipInflater.Failure) {
                    let output = try inflater.next()
                    if !output.isEmpty { return output }
                    continue
                } catch {
                    throw InputProblem(location, "\(error.message) after \(bytesRead) bytes")
                }
            }
            if finished { return nil }
            guard waitForInput() else {
                finished = true
                return nil
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputProblem(location, "read failed: \(Self.errnoText())")
            }
            if count == 0 {
                finished = true
                if let inflater, !inflater.atMemberEnd {
                    throw InputProblem(
                        location,
                        inflater.completedMember
                            ? "bytes after the end of the gzip data are not gzip (ignored)"
                            : "gzip data ends early (truncated file?)")
                }
                return nil
            }
            bytesRead += count
            if !sniffed {
                // Read on until the magic bytes can be told, however the input trickles in.
                var first = Array(buffer[0..<count])
                while first.count < Self.gzipMagic.count, waitForInput() {
                    let more = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if more < 0 && errno == EINTR { continue }
                    if more <= 0 { break }
                    bytesRead += more
                    first += buffer[0..<more]
                }
                sniffed = true
                if first.starts(with: Self.gzipMagic) {
                    do throws(GzipInflater.Failure) {
                        inflater = try GzipInflater()
                    } catch {
                        throw InputProblem(location, error.message)
                    }
                }
                guard let inflater else { return first }
                inflater.feed(first[...])
                continue
            }
            guard let inflater else { return Array(buffer[0..<count]) }
            inflater.feed(buffer[0..<count])
        }
    }

    /// Waits until a read would not block; false when `stop` said to read no further.
    private func waitForInput() -> Bool {
        while !stop() {
            guard mayBlock else { return true }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 100)
            if ready != 0 && !(ready < 0 && errno == EINTR) { return true }
        }
        return false
    }

    /// The whole decompressed content, refusing more than `limit` bytes.
    func readAll(limit: Int) throws(InputProblem) -> [UInt8] {
        var all = [UInt8]()
        while let chunk = try nextChunk() {
            all.append(contentsOf: chunk)
            if all.count > limit {
                throw InputProblem(location, "larger than \(limit >> 20) MiB; split it or use JSON Lines")
            }
        }
        return all
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
