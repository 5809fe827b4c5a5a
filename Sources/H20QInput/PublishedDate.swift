import H20QDedup

/// A publication time, normalized to UTC with second precision and kept as its ISO-8601 text
/// ("2025-08-13T09:30:00Z"), which sorts chronologically as a string.
///
///     PublishedDate(iso8601: "2025-08-13T11:30:00+02:00")?.text -> "2025-08-13T09:30:00Z"
///     PublishedDate(rfc2822: "Wed, 13 Aug 2025 09:30:00 GMT")?.text -> "2025-08-13T09:30:00Z"
///     PublishedDate(iso8601: "2025-08-13")?.text -> "2025-08-13T00:00:00Z"
///
/// Why not Foundation's parsers: one `ISO8601DateFormatter` accepts one shape, and feeds
/// mix them. With its default options it refuses `2025-08-13` (a date alone),
/// `2025-08-13 09:30:00Z` (a space for `T`), `2025-08-13T09:30:00.123Z` (a fraction),
/// `2025-08-13T09:30:00` (no zone) and lower-case `t`/`z`, all of which are found in
/// real feeds; RFC 2822 needs a `DateFormatter` per variant (weekday or not, seconds or
/// not, `GMT`/`EST`/`+0000`, two-digit years, `August` for `Aug`). It is also slow: the
/// 7,749 dates of the Reuters dev corpus take 7 ms here, 323 ms with `ISO8601DateFormatter`
/// (`h20q-bench foundation CORPUS.jsonl`).
public struct PublishedDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    public static func < (lhs: PublishedDate, rhs: PublishedDate) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    public var description: String { text }

    public var text: String {
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let secondOfDay = secondsSince1970 - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return
            "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }

    /// Either ISO-8601 or RFC 2822, whichever parses.
    public init?(_ text: String) {
        if let date = PublishedDate(iso8601: text) ?? PublishedDate(rfc2822: text) {
            self = date
        } else {
            return nil
        }
    }

    /// Unix time: seconds since 1970 as a decimal number (a fraction is dropped), or
    /// milliseconds when it is too large to be seconds (13 digits and more); years 1 to 9999.
    ///
    ///     PublishedDate(unixTime: "1700000000")?.text -> "2023-11-14T22:13:20Z"
    ///     PublishedDate(unixTime: "1700000000000")?.text -> "2023-11-14T22:13:20Z"
    public init?(unixTime text: String) {
        let trimmed = text.trimmingSpaces
        guard let first = trimmed.first, first.isNumber || first == "-",
            trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
            var value = Double(trimmed), value.isFinite
        else { return nil }
        if abs(value) >= 1e11 { value /= 1000 }
        // 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59Z
        guard value >= -62_135_596_800, value <= 253_402_300_799 else { return nil }
        self.init(secondsSince1970: Int64(value.rounded(.down)))
    }

    /// ISO-8601 / RFC 3339: a date, optionally `T` (or a space) and a time with optional
    /// fraction, and `Z` or a numeric offset. Without an offset the time is taken as UTC.
    public init?(iso8601 text: String) {
        var scanner = DateScanner(text.trimmingSpaces)
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2)
        else { return nil }
        var seconds: Int64 = 0
        var offset: Int64 = 0
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
                let time = scanner.timeOfDay(hourDigits: 2, fractions: true)
            else { return nil }
            seconds = time
            if scanner.skip("Z") || scanner.skip("z") {
                offset = 0
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.number(digits: 2) else { return nil }
                _ = scanner.skip(":")
                let offsetMinutes = scanner.number(digits: 2) ?? 0
                offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard scanner.atEnd, let date = Self.make(year: year, month: month, day: day, seconds: seconds - offset)
        else { return nil }
        self = date
    }

    /// RFC 2822 / RFC 822 as RSS uses it: `[Wed, ]13 Aug 2025 09:30[:00] +0000|GMT|UT|EST|…`.
    /// Two-digit years are read as 19xx/20xx per RFC 2822.
    public init?(rfc2822 text: String) {
        var scanner = DateScanner(text.trimmingSpaces)
        if scanner.letters(count: 3) != nil {
            guard scanner.skip(",") else { return nil }
        }
        scanner.skipSpaces()
        guard let day = scanner.number(minDigits: 1, maxDigits: 2) else { return nil }
        scanner.skipSpaces()
        guard let monthName = scanner.letters(count: 3),
            let month = Self.monthNames.firstIndex(of: monthName.lowercased()).map({ Int64($0 + 1) })
        else { return nil }
        _ = scanner.lettersWhile()  // "August" as well as "Aug"
        scanner.skipSpaces()
        guard var year = scanner.number(minDigits: 2, maxDigits: 4) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        scanner.skipSpaces()
        guard let time = scanner.timeOfDay(hourDigits: 1, fractions: false) else { return nil }
        scanner.skipSpaces()
        var offset: Int64 = 0
        if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2), let minutes = scanner.number(digits: 2) else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else if let zone = scanner.lettersWhile(), !zone.isEmpty {
            guard let zoneOffset = Self.zoneOffsets[zone.uppercased()] else { return nil }
            offset = zoneOffset
        }
        scanner.skipSpaces()
        guard scanner.atEnd, let date = Self.make(year: year, month: month, day: day, seconds: time - offset)
        else { return nil }
        self = date
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static let zoneOffsets: [String: Int64] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    ]

    static func make(year: Int64, month: Int64, day: Int64, seconds: Int64) -> PublishedDate? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return PublishedDate(secondsSince1970: days(year: year, month: month, day: day) * 86_400 + seconds)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
