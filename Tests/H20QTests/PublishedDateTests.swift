import H20QFixtures
import Testing

@testable import H20QInput

struct PublishedDateTests {
    @Test(arguments: [
        ("2025-08-13T09:30:00Z", "2025-08-13T09:30:00Z"),
        ("2025-08-13T11:30:00+02:00", "2025-08-13T09:30:00Z"),
        ("2025-08-13T04:30:00-0500", "2025-08-13T09:30:00Z"),
        ("2025-08-13T09:30:00.123456Z", "2025-08-13T09:30:00Z"),
        ("2025-08-13 09:30", "2025-08-13T09:30:00Z"),
        ("2025-08-13", "2025-08-13T00:00:00Z"),
        ("1987-02-26T15:01:01Z", "1987-02-26T15:01:01Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("Wed, 13 Aug 2025 09:30:00 GMT", "2025-08-13T09:30:00Z"),
        ("13 Aug 2025 05:30:00 -0400", "2025-08-13T09:30:00Z"),
        ("Wed, 13 Aug 25 04:30 EST", "2025-08-13T09:30:00Z"),
        ("Wed, 3 August 2025 09:30:00 +0000", "2025-08-03T09:30:00Z"),
    ])
    func parses(_ text: String, _ normalized: String) {
        #expect(PublishedDate(text)?.text == normalized)
    }

    @Test(arguments: [
        "", "yesterday", "2025-13-01", "2025-02-30", "2025-08-13T25:00:00Z", "2025-08-13T09:30:00Q",
        "13 Foo 2025 09:30", "Wed 13 Aug 2025",
    ])
    func rejects(_ text: String) {
        #expect(PublishedDate(text) == nil)
    }

    @Test func sortsChronologicallyAsText() {
        let dates = ["2025-08-13T09:30:00+02:00", "2025-08-13T08:00:00Z", "1999-01-01"].compactMap { PublishedDate($0) }
        #expect(dates.sorted().map(\.text) == dates.map(\.text).sorted())
    }
}
