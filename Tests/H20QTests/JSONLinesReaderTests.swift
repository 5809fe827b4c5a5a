import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct JSONLinesReaderTests {
    @Test func readsStoriesWithMetadataAndReportsBadLinesByNumber() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "wire.jsonl",
            """
            {"id": "a1", "title": "Chip curbs", "body": "Body one.", "source": "Wire", "url": "https://x.example/a1", "published": "2025-08-13T09:30:00+02:00", "tags": ["chips"], "lang": "en"}
            not json

            {"title": "Text field works", "text": "Body two."}
            {"id": 42, "title": "", "content": "Numeric id and content field."}
            {"id": "a4", "title": "", "body": "   "}
            {"id": "a5", "title": "Bad date", "published": "yesterday"}
            {"id": "a6", "title": 7}
            ["not", "an", "object"]
            {"id": "a8", "title": "Flash only", "body": ""}
            """)
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["a1", "\(path)#4", "42", "a5", "a8"])
        #expect(stories[0].published?.text == "2025-08-13T07:30:00Z")
        #expect(stories[0].metadata == .object([("tags", .array([.string("chips")])), ("lang", .string("en"))]))
        #expect(stories[0].location == InputLocation(path: path, line: 1))
        #expect(stories[1].body == "Body two.")
        #expect(stories[2].body == "Numeric id and content field.")
        #expect(stories[3].title == "Bad date" && stories[3].published == nil, "kept, undated")
        #expect(stories[4].title == "Flash only" && stories[4].body.isEmpty)
        #expect(
            problems == [
                "\(path):2: invalid JSON at column 1: expected a value, found 'n'",
                "\(path):6: story has neither title nor body text",
                "\(path):7: warning: \"published\" is not a date (ISO-8601, RFC 2822 or Unix seconds): \"yesterday\"; stored undated",
                "\(path):8: \"title\" must be a string, found a number",
                "\(path):9: expected a JSON object for a story, found an array",
            ])
    }

    /// Ids are kept exactly as given, so that two different ids never become one: spaces and
    /// `%` stay, a number keeps its source text, and an id with a control character is refused.
    @Test func idsAreKeptExactly() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "ids.jsonl",
            #"""
            {"id": "doc\tone", "title": "Tab in the id"}
            {"id": "doc%09one", "title": "Percent in the id"}
            {"id": "  same", "title": "Spaces before"}
            {"id": "same", "title": "No spaces"}
            {"id": 1.5e300, "title": "Number"}
            {"id": 1.5E+300, "title": "Another number"}
            {"id": "", "url": "https://x.example/u", "title": "Empty id"}
            """#)
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["doc%09one", "  same", "same", "1.5e300", "1.5E+300", "https://x.example/u"])
        #expect(
            problems == [
                "\(path):1: id has a control character (U+0009): ids are kept exactly as given, so give one without"
            ])
    }

    /// Every field has a bound: an id or url over it costs the story, a source or metadata
    /// over it is left out with a warning.
    @Test func fieldsOverTheirLimits() {
        let folder = TemporaryFolder()
        let long = String(repeating: "x", count: StoryLimits.id + 1)
        let lines = [
            #"{"id": "\#(long)", "title": "Long id"}"#,
            #"{"id": "u", "url": "https://x.example/\#(long)", "title": "Long url"}"#,
            #"{"id": "s", "source": "\#(String(repeating: "s", count: StoryLimits.source + 1))", "title": "Long source"}"#,
            #"{"id": "m", "notes": "\#(String(repeating: "m", count: StoryLimits.metadata))", "title": "Big metadata"}"#,
            #"{"id": "ok", "url": "https://x.example/\#(String(long.dropLast(40)))", "title": "Just under"}"#,
        ]
        let path = folder.write("limits.jsonl", lines.joined(separator: "\n"))
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["s", "m", "ok"])
        #expect(stories[0].source == nil && stories[0].title == "Long source")
        #expect(stories[1].metadata == nil)
        #expect(
            problems == [
                "\(path):1: id is 8,193 bytes; at most 8 KiB",
                "\(path):2: url is 8,211 bytes; at most 8 KiB",
                "\(path):3: warning: source is 1,025 bytes; over 1 KiB, left out",
                "\(path):4: warning: metadata is 65,548 bytes as JSON; over 64 KiB, left out",
            ])
    }

    @Test(arguments: [
        ("1700000000", "2023-11-14T22:13:20Z"), ("\"1700000000\"", "2023-11-14T22:13:20Z"),
        ("1700000000123", "2023-11-14T22:13:20Z"), ("1700000000.9", "2023-11-14T22:13:20Z"),
        ("0", "1970-01-01T00:00:00Z"), ("-86400", "1969-12-31T00:00:00Z"),
        ("\"Tue, 14 Nov 2023 22:13:20 GMT\"", "2023-11-14T22:13:20Z"),
    ])
    func publishedMayBeUnixTime(value: String, expected: String) {
        let folder = TemporaryFolder()
        let path = folder.write("t.jsonl", #"{"id": "t", "title": "T", "published": \#(value)}"#)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.first?.published?.text == expected)
    }

    @Test func urlIsTheIdentityWhenThereIsNoId() {
        let folder = TemporaryFolder()
        let path = folder.write("w.jsonl", #"{"url": "https://x.example/story", "title": "T"}"#)
        #expect(readEvents(path).stories.first?.id == "https://x.example/story")
    }

    @Test func theFileIdentityIsItsRealPathHoweverItIsNamed() throws {
        let folder = TemporaryFolder()
        folder.write("d/w.jsonl", #"{"title": "Untitled wire story"}"#)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/link", withDestinationPath: folder.path + "/d")
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/d/loop", withDestinationPath: folder.path + "/d")
        let ids = [folder.path + "/d", folder.path + "/d/../d/", folder.path + "/link"].map { path in
            readEvents(path).stories.map(\.id)
        }
        #expect(ids.allSatisfy { $0 == [folder.path + "/d/w.jsonl#1"] }, "\(ids)")
    }

    @Test func gzipIsReadTransparentlyIncludingConcatenatedMembers() throws {
        let folder = TemporaryFolder()
        let first = try gzip(Data(#"{"id": "g1", "title": "One"}"#.utf8 + [0x0A]))
        let second = try gzip(Data(#"{"id": "g2", "title": "Two"}"#.utf8))
        let path = folder.write("wire.jsonl.gz", first + second)
        let (stories, problems) = readEvents(path)
        #expect(problems.isEmpty)
        #expect(stories.map(\.id) == ["g1", "g2"])
    }

    @Test func truncatedGzipIsAnErrorAfterTheStoriesBeforeIt() throws {
        let folder = TemporaryFolder()
        var lines = ""
        for n in 1...2000 { lines += #"{"id": "t\#(n)", "title": "Story number \#(n) with some words"}"# + "\n" }
        let compressed = try gzip(Data(lines.utf8))
        let path = folder.write("cut.jsonl.gz", compressed.prefix(compressed.count - 20))
        let (stories, problems) = readEvents(path)
        #expect(stories.count > 1000)
        #expect(problems == ["\(path): gzip data ends early (truncated file?)"])
    }

    @Test func aRunawayLineIsSkippedNotHeld() {
        let folder = TemporaryFolder()
        let long = #"{"id": "big", "title": ""# + String(repeating: "x", count: LineReader.defaultLimit + 10) + #""}"#
        let path = folder.write(
            "runaway.jsonl", #"{"id": "a", "title": "A"}"# + "\n" + long + "\n" + #"{"id": "b", "title": "B"}"#)
        let (stories, problems) = readEvents(path)
        #expect(stories.map(\.id) == ["a", "b"])
        #expect(problems == ["\(path):2: line longer than 8 MiB, skipped"])
    }

    @Test func gzipInflatesInBoundedPiecesAndIgnoresZeroPadding() throws {
        let folder = TemporaryFolder()
        // 8 MiB of blank lines compress to a few kilobytes.
        let blank = Data(repeating: 0x20, count: 8 << 20)
        let compressed =
            try gzip(Data(#"{"id": "z", "title": "Zeros"}"#.utf8 + [0x0A]) + blank) + Data(repeating: 0, count: 512)
        let path = folder.write("padded.jsonl.gz", compressed)
        let reader = try ByteReader(path: path)
        var largest = 0
        var total = 0
        while let chunk = try reader.nextChunk() {
            largest = max(largest, chunk.count)
            total += chunk.count
        }
        #expect(largest <= 1 << 20)
        #expect(total == (8 << 20) + 30)
        #expect(readEvents(path).stories.map(\.id) == ["z"])
    }

    @Test func aByteOrderMarkIsNotText() {
        let folder = TemporaryFolder()
        let path = folder.write("bom.jsonl", Data([0xEF, 0xBB, 0xBF] + Array(#"{"id": "b", "title": "Marked"}"#.utf8)))
        #expect(readEvents(path).stories.map(\.title) == ["Marked"])
        let text = folder.write("bom.txt", Data([0xEF, 0xBB, 0xBF] + Array("Title\nBody".utf8)))
        #expect(readEvents(text).stories.map(\.title) == ["Title"])
    }

    @Test func invalidUTF8IsDecodedLossily() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "latin.jsonl", Data(#"{"id": "l1", "title": "Caf"#.utf8 + [0xE9] + #"", "body": "x"}"#.utf8))
        #expect(readEvents(path).stories.first?.title == "Caf\u{FFFD}")
    }
}
