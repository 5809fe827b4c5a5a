import Foundation

/// A temporary folder, removed with everything in it when the value goes away.
///
///     let folder = TemporaryFolder()
///     folder.write("wire.jsonl", "{...}") -> "/tmp/h20q-tests-…/wire.jsonl"
package final class TemporaryFolder {
    package let path: String

    package init() {
        path = NSTemporaryDirectory() + "h20q-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Where an index in this folder goes.
    package var index: String { path + "/index" }

    /// Writes `contents` to `name` in the folder (making its folders) and returns its path.
    @discardableResult
    package func write(_ name: String, _ contents: String) -> String {
        write(name, Data(contents.utf8))
    }

    @discardableResult
    package func write(_ name: String, _ data: Data) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! data.write(to: URL(fileURLWithPath: file))
        return file
    }
}
