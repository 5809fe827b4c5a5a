/// What the API answers: an HTTP status and a JSON body (a newline at its end, as `--json`
/// prints it).
///
///     APIResponse(status: 200, body: Array("{\"status\" : \"ok\"}\n".utf8))
public struct APIResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]
    /// The methods the path takes, for a 405 (`Allow: GET`).
    public var allow: String?

    public init(status: Int, body: [UInt8], allow: String? = nil) {
        self.status = status
        self.body = body
        self.allow = allow
    }

    /// 200 with `value` as JSON, encoded as the CLI's `--json` encodes it.
    static func ok(_ value: some Encodable) -> APIResponse {
        do {
            return APIResponse(status: 200, body: try JSONBody.encode(value))
        } catch {
            // Only a non-finite number could fail to encode, and the index stores none.
            return APIError.internalFailure("cannot encode the answer: \(error)").response
        }
    }
}
