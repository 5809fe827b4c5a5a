import Foundation

/// A file written in pieces as a report streams, buffered.
final class FileOutput {
    private let file: UnsafeMutablePointer<FILE>
    private var failed = false

    init?(path: String) {
        guard let file = fopen(path, "w") else { return nil }
        self.file = file
    }

    func write(_ bytes: [UInt8]) {
        if bytes.withUnsafeBufferPointer({ fwrite($0.baseAddress, 1, $0.count, file) }) != bytes.count { failed = true }
    }

    /// Closes the file; false when anything could not be written.
    func close() -> Bool {
        fclose(file) == 0 && !failed
    }
}
