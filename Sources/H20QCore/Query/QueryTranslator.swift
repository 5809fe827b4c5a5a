/// Turns a query as people type it into an FTS5 query.
///
/// Words become quoted phrases, so punctuation means nothing to FTS5 and the table's own
/// tokenizer splits them as it split the text:
///
///     remote shutdown      -> "remote" "shutdown"          (all words)
///     H20's                -> "H20"                        (possessive dropped)
///     U.S. export          -> "U.S." "export"              (matches "U.S." as u + s)
///     Zelenskiy-Putin      -> "Zelenskiy-Putin"            (the two words adjacent)
///     C++ 😀 -- ?          -> "C++"                        (nothing searchable in the rest)
///
/// FTS5 syntax used on purpose is kept: `"a phrase"`, `AND`/`OR`/`NOT` in capitals, `NEAR(a b, 5)`,
/// `prefix*`, `title:word` / `body:"a phrase"`, balanced parentheses. Stray syntax is
/// dropped or closed (an operator with nothing on one side, an unbalanced parenthesis, an
/// unterminated quote). What cannot be made sense of throws `QueryError`.
public struct QueryTranslator: Sendable {
    public static let columns: Set<String> = ["title", "body"]
    private let normalizer = TextNormalizer()

    public init() {}

    public func translate(_ query: String) throws(QueryError) -> String {
        var tokens = lex(query)
        tokens = balanceParentheses(tokens)
        var output: [String] = []
        var pendingOperator: String?
        var depth = 0
        var searchable = 0
        var index = 0

        func emitOperand(_ text: String) {
            if let op = pendingOperator, output.last.map({ $0 != "(" }) ?? false { output.append(op) }
            pendingOperator = nil
            output.append(text)
            searchable += 1
        }

        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .word(let word):
                if let term = term(word) { emitOperand(term) }
            case .phrase(let text, let prefix):
                if let phrase = quoted(text, prefix: prefix) { emitOperand(phrase) }
            case .column(let name):
                // Applies to the next operand; a column with nothing after it is dropped.
                guard index < tokens.count else { continue }
                let next = tokens[index]
                index += 1
                let target: String?
                switch next {
                case .word(let word): target = term(word)
                case .phrase(let text, let prefix): target = quoted(text, prefix: prefix)
                default: target = nil; index -= 1
                }
                if let target { emitOperand("\(name) : \(target)") }
            case .near(let words, let distance):
                let phrases = words.compactMap { term($0) }
                guard phrases.count >= 2 else {
                    phrases.first.map(emitOperand)
                    continue
                }
                emitOperand("NEAR(" + phrases.joined(separator: " ") + (distance.map { ", \($0)" } ?? "") + ")")
            case .operator(let name):
                if output.isEmpty || output.last == "(" {
                    if name == "NOT" {
                        throw QueryError("NOT needs something before it, as in `chips NOT nvidia`")
                    }
                    continue
                }
                pendingOperator = name
            case .open:
                if let op = pendingOperator, output.last.map({ $0 != "(" }) ?? false { output.append(op) }
                pendingOperator = nil
                output.append("(")
                depth += 1
            case .close:
                guard depth > 0 else { continue }
                depth -= 1
                if output.last == "(" {
                    output.removeLast()
                } else {
                    output.append(")")
                }
            }
        }
        guard searchable > 0 else {
            throw QueryError("nothing to search for: the query has no letters or digits")
        }
        return output.joined(separator: " ")
    }

    /// A word as an FTS5 string, or a prefix query for `word*`; nil when it holds nothing
    /// searchable (punctuation, emoji). A possessive `'s` is dropped: `H20's` finds H20.
    private func term(_ word: String) -> String? {
        var word = word
        for suffix in ["'s", "’s", "'S", "’S"] where word.hasSuffix(suffix) && word.count > 2 {
            word.removeLast(2)
        }
        if word.hasSuffix("*") {
            let stem = String(word.drop(while: { $0 == "*" }).dropLast(word.reversed().prefix(while: { $0 == "*" }).count))
            return quoted(stem, prefix: true)
        }
        return quoted(word, prefix: false)
    }

    private func quoted(_ text: String, prefix: Bool) -> String? {
        guard !normalizer.words(of: text).isEmpty else { return nil }
        let escaped = "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        return prefix ? escaped + " *" : escaped
    }

    enum Token: Equatable {
        case word(String)
        case phrase(String, prefix: Bool)
        case column(String)
        case near([String], distance: Int?)
        case `operator`(String)
        case open
        case close
    }

    func lex(_ query: String) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(query)
        var index = 0
        var word = ""

        func flushWord() {
            defer { word = "" }
            guard !word.isEmpty else { return }
            if ["AND", "OR", "NOT"].contains(word) {
                tokens.append(.operator(word))
            } else if let colon = word.firstIndex(of: ":"), Self.columns.contains(word[..<colon].lowercased()) {
                tokens.append(.column(word[..<colon].lowercased()))
                let rest = String(word[word.index(after: colon)...])
                if !rest.isEmpty { tokens.append(.word(rest)) }
            } else {
                tokens.append(.word(word))
            }
        }

        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                flushWord()
                var text = ""
                index += 1
                while index < characters.count && characters[index] != "\"" {
                    text.append(characters[index])
                    index += 1
                }
                index += 1
                var prefix = false
                if index < characters.count && characters[index] == "*" {
                    prefix = true
                    index += 1
                }
                tokens.append(.phrase(text, prefix: prefix))
                continue
            }
            if character == "(" && word == "NEAR" {
                word = ""
                index += 1
                var inside = ""
                while index < characters.count && characters[index] != ")" {
                    inside.append(characters[index])
                    index += 1
                }
                index += 1
                var distance: Int?
                var terms = inside
                if let comma = inside.lastIndex(of: ","), let number = Int(inside[inside.index(after: comma)...].trimmingSpaces) {
                    distance = number
                    terms = String(inside[..<comma])
                }
                tokens.append(.near(terms.split(whereSeparator: { $0.isWhitespace || $0 == "\"" }).map(String.init), distance: distance))
                continue
            }
            if character == "(" || character == ")" {
                flushWord()
                tokens.append(character == "(" ? .open : .close)
            } else if character.isWhitespace {
                flushWord()
            } else {
                word.append(character)
            }
            index += 1
        }
        flushWord()
        return tokens
    }

    /// Unbalanced parentheses are typing, not grouping: all are dropped then.
    private func balanceParentheses(_ tokens: [Token]) -> [Token] {
        var depth = 0
        for token in tokens {
            if token == .open { depth += 1 }
            if token == .close {
                depth -= 1
                if depth < 0 { break }
            }
        }
        return depth == 0 ? tokens : tokens.filter { $0 != .open && $0 != .close }
    }
}

/// A query that cannot be searched, with what is wrong in words.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
