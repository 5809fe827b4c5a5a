import Foundation
import H20QSearch

/// How one h20q answer compares with the exhaustive reference: positions of the page that
/// hold the same hit, and whether the total is exact or, flagged as an estimate, how far off.
struct ScaleCheck: CustomStringConvertible {
    var label: String
    /// Positions of the page (10) where h20q and the reference show the same sighting, or
    /// where neither has a hit.
    var agreeing: Int
    var firstDifference: (position: Int, h20q: String?, reference: String?)?
    var total: Int
    var exactTotal: Int
    /// The answer's `total_is_estimate`; false when it has no such key.
    var estimated: Bool

    init(_ search: ScaleSearch, _ results: SearchResults, _ reference: ExhaustiveRanking) throws {
        label = search.label
        let expected = Array(reference.hits.dropFirst(search.request.offset).prefix(10))
        let found = results.hits.map(\.id)
        agreeing = 0
        for position in 0..<10 {
            let (mine, theirs) = (
                found.indices.contains(position) ? found[position] : nil,
                expected.indices.contains(position) ? expected[position] : nil
            )
            if mine == theirs {
                agreeing += 1
            } else if firstDifference == nil {
                firstDifference = (position, mine, theirs)
            }
        }
        // Read from the JSON, as clients see it, so that this compiles whether or not
        // `SearchResults` has the flag yet.
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(results)) as? [String: Any]
        total = json?["total"] as? Int ?? -1
        estimated = (json?["total_is_estimate"] ?? json?["totalIsEstimate"]) as? Bool ?? false
        exactTotal = reference.hits.count
    }

    /// |total - exact| / exact.
    var totalError: Double { Double(abs(total - exactTotal)) / Double(max(1, exactTotal)) }

    /// Exact, or flagged as an estimate.
    var totalIsRight: Bool { estimated || total == exactTotal }

    var description: String {
        var text = "\(label): \(agreeing)/10"
        if let difference = firstDifference {
            text += "; position \(difference.position + 1): h20q \(difference.h20q ?? "none"), "
            text += "reference \(difference.reference ?? "none")"
        }
        if total != exactTotal {
            text += "; total \(total)\(estimated ? " (estimate)" : ""), exact \(exactTotal)"
        }
        return text
    }

    /// A class's totals in a few characters: "exact", "est 2.1%" (the largest error of those
    /// flagged as estimates), "3 wrong" (unflagged and not exact), or both.
    static func totals(_ checks: [ScaleCheck]) -> String {
        let estimates = checks.filter(\.estimated)
        let wrong = checks.filter { !$0.estimated && $0.total != $0.exactTotal }
        var parts: [String] = []
        if let largest = estimates.map(\.totalError).max() { parts.append(String(format: "est %.1f%%", largest * 100)) }
        if !wrong.isEmpty { parts.append("\(wrong.count) wrong") }
        return parts.isEmpty ? "exact" : parts.joined(separator: ", ")
    }
}
