/// A request's query items checked against what its route takes: every name known, none
/// given twice, numbers in range. A value out of range is refused, never clamped.
///
///     try QueryParameters([("limit", "5")], taking: ["limit"]).integer("limit", in: 1...1000, default: 10) -> 5
package struct QueryParameters {
    private var values: [String: String] = [:]

    package init(_ items: [(name: String, value: String)], taking names: [String]) throws(APIError) {
        for (name, value) in items {
            guard names.contains(name) else {
                let known = names.isEmpty ? "no parameters" : names.joined(separator: ", ")
                throw .badParameter("unknown parameter \"\(name)\" (this path takes \(known))")
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw .badParameter("\(name) is given twice")
            }
        }
    }

    package func string(_ name: String) -> String? { values[name] }

    package func integer(_ name: String, in range: ClosedRange<Int>, default value: Int) throws(APIError) -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text) else {
            throw .badParameter("\(name) must be a whole number (got \"\(text)\")")
        }
        guard range.contains(number) else {
            let bound =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            throw .badParameter("\(name) must be \(bound) (got \(number))")
        }
        return number
    }

    /// `all`, `all=true`, `all=1` are true; `all=false`, `all=0` and no `all` false.
    package func flag(_ name: String) throws(APIError) -> Bool {
        switch values[name] {
        case nil, "false", "0": return false
        case "", "true", "1": return true
        case let text?: throw .badParameter("\(name) must be true or false (got \"\(text)\")")
        }
    }
}
