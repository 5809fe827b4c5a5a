import Foundation
import H20QInput

/// The date bounds of a search, read the same way by the CLI and the daemon: `since` as
/// given, `until` a date alone meaning the end of that day.
///
///     try SearchDates.parse(since: nil, until: "2025-08-13", names: ("since", "until")).until
///         -> 2025-08-14T00:00:00Z
package enum SearchDates {
    package static func parse(
        since: String?, until: String?, names: (since: String, until: String)
    ) throws(APIError) -> (since: PublishedDate?, until: PublishedDate?) {
        func parse(_ text: String?, _ name: String) throws(APIError) -> PublishedDate? {
            guard let text else { return nil }
            guard let date = PublishedDate(iso8601: text) else {
                throw .badParameter(
                    "\(name) \"\(text)\" is not an ISO-8601 date (2025-08-13 or 2025-08-13T09:30:00Z)")
            }
            return date
        }
        let start = try parse(since, names.since)
        var end = try parse(until, names.until)
        if let bound = end {
            let dateOnly = until?.trimmingCharacters(in: .whitespaces).count == 10
            end = PublishedDate(secondsSince1970: bound.secondsSince1970 + (dateOnly ? 86_400 : 1))
        }
        return (start, end)
    }
}
