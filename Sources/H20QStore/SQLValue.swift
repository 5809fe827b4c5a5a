import H20QInput

/// A value bound straight to a prepared statement.
enum SQLValue {
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    case null

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
}
