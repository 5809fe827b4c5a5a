/// Why `serve` could not start, in one line; `running` when another daemon answers already.
///
///     DaemonError(.running, "a daemon already answers on Index/h20q.sock")
public struct DaemonError: Error, Sendable {
    public enum Code: Sendable { case running, failed }
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
