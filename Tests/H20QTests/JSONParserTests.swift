import Foundation
import H20QFixtures
import Testing

@testable import H20QInput

struct JSONParserTests {
    @Test(arguments: [
        (#"{"a": 1}"#, JSONValue.object([("a", .number("1"))])),
        (#"[true, false, null]"#, .array([.bool(true), .bool(false), .null])),
        (#""caf\u00e9 \ud83d\ude00 \"q\" \/""#, .string("café 😀 \"q\" /")),
        (#"-12.5e3"#, .number("-12.5e3")),
        (#"10000000000000000001"#, .number("10000000000000000001")),
        (
            #"  {"nested": {"list": [1, {"x": "y"}]}}  "#,
            .object([("nested", .object([("list", .array([.number("1"), .object([("x", .string("y"))])]))]))])
        ),
        (#""lone \ud83d surrogate""#, .string("lone \u{FFFD} surrogate")),
    ])
    func parses(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test(arguments: [
        (#"{"id": }"#, 7, "expected a value, found '}'"),
        (#"{"id" 1}"#, 6, "expected ':' after key \"id\", found '1'"),
        (#"{"a": 1,}"#, 8, "expected a quoted key, found '}'"),
        (#"{"a": "unterminated}"#, 6, "unterminated string"),
        (#"[1 2]"#, 3, "expected ',' or ']' in array, found '2'"),
        (#"{} x"#, 3, "unexpected 'x' after the JSON value"),
        (#"01"#, 1, "unexpected '1' after the JSON value"),
        (#""bad \q""#, 6, "invalid escape '\\q' in string"),
        (#"nul"#, 0, "expected a value, found 'n'"),
        ("", 0, "expected a value, found end of input"),
    ])
    func rejects(_ text: String, _ offset: Int, _ message: String) {
        #expect(throws: JSONParseError(offset: offset, message: message)) { try JSONParser.parse(text) }
    }

    @Test func invalidUTF8InsideStringsIsReplacedNotRejected() throws {
        let bytes: [UInt8] = Array(#"{"t": "caf"#.utf8) + [0xE9] + Array(#"!"}"#.utf8)
        let value = try bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
        #expect(value["t"] == .string("caf\u{FFFD}!"))
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func serializesWithSortedKeysAndKeepsNumbersVerbatim() throws {
        let value = try JSONParser.parse(#"{"b": 1.50, "a": ["x/y", "line\nbreak"], "b": 2}"#)
        #expect(value.serialized == #"{"a":["x/y","line\nbreak"],"b":2}"#)
    }

    @Test func numbersAreWrittenOutExactly() throws {
        let value = try JSONParser.parse(
            #"[123456789012345678901234567890, 1e400, -0.000001, 7, 1.5, 3.14159265358979323846]"#)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(text == #"["123456789012345678901234567890","1e400",-1e-06,7,1.5,"3.14159265358979323846"]"#)
    }

    @Test func elementsOfATopLevelArrayKeepTheirOffsets() throws {
        let text = "[\n {\"a\": 1},\n {\"b\": 2}\n]"
        var offsets: [Int] = []
        try Array(text.utf8).withUnsafeBufferPointer { bytes in
            try JSONParser.forEachElement(bytes) { offset, _ in offsets.append(offset) }
        }
        #expect(offsets == [3, 14])
    }
}
