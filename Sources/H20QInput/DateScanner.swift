/// A cursor over ASCII date text.
struct DateScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: Substring) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while index < bytes.count && bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func skipDigits() -> Bool {
        let start = index
        while index < bytes.count && isDigit(bytes[index]) { index += 1 }
        return index > start
    }

    mutating func number(digits: Int) -> Int64? { number(minDigits: digits, maxDigits: digits) }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maxDigits && index < bytes.count && isDigit(bytes[index]) {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
            count += 1
        }
        if count < minDigits {
            index -= count
            return nil
        }
        return value
    }

    /// `hh:mm[:ss]` (a leap second counts as :59), optionally with a fraction of a second
    /// that is ignored, as seconds into the day.
    mutating func timeOfDay(hourDigits: Int, fractions: Bool) -> Int64? {
        guard let hour = number(minDigits: hourDigits, maxDigits: 2), skip(":"), let minute = number(digits: 2)
        else { return nil }
        var second: Int64 = 0
        if skip(":") {
            guard let value = number(digits: 2) else { return nil }
            second = value
            if fractions && (skip(".") || skip(",")) {
                guard skipDigits() else { return nil }
            }
        }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second <= 60 else { return nil }
        return hour * 3600 + minute * 60 + min(second, 59)
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func letters(count: Int) -> String? {
        guard index + count <= bytes.count, bytes[index..<(index + count)].allSatisfy(isLetter) else { return nil }
        defer { index += count }
        return String(decoding: bytes[index..<(index + count)], as: UTF8.self)
    }

    mutating func lettersWhile() -> String? {
        let start = index
        while index < bytes.count && isLetter(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
