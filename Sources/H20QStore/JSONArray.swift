import H20QInput

/// JSON array text for SQLite's `json_each`: the way to pass a list as one argument.
enum JSONArray {
    static func integers<S: Sequence>(_ values: S) -> String where S.Element == Int64 {
        "[" + values.lazy.map(String.init).joined(separator: ",") + "]"
    }

    static func strings<S: Sequence>(_ values: S) -> String where S.Element == String {
        JSONValue.array(values.map(JSONValue.string)).serialized
    }
}
