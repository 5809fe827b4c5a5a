import H20QDedup

/// Turns a query as people type it into an FTS5 query.
///
/// Words become quoted phrases, so punctuation means nothing to FTS5 and the table's own
/// tokenizer splits them as it split the text:
///
///     remote shutdown      -> "remote" AND "shutdown"      (all words)
///     H20's                -> "H20"                        (possessive dropped)
///     U.S. export          -> "U.S." AND "export"          (matches "U.S." as u + s)
///     Zelenskiy-Putin      -> "Zelenskiy-Putin"            (the two words adjacent)
///     C++ 😀 -- ?          -> "C++"                        (nothing searchable in the rest)
///     cocoa Cocoa cocoa    -> "cocoa"                      (a required word once is enough)
///
/// FTS5 syntax used on purpose is kept: `"a phrase"`, `AND`/`OR`/`NOT` in capitals, `NEAR(a b, 5)`,
/// `prefix*`, `title:word` / `body:"a phrase"`, balanced parentheses. Stray syntax is
/// dropped or closed (an operator with nothing on one side, an unbalanced parenthesis, an
/// unterminated quote). What cannot be made sense of throws `QueryError`.
///
/// A term required again in the same all-words run is dropped, as it finds nothing more.
/// A run is the terms joined by AND (typed or implied) within one pair of parentheses; an
/// `OR` starts a new one. A word, prefix, phrase or column-filtered term goes when the same
/// one (ASCII case and punctuation aside: `U.S.`, `u.s`) is already required in the run; a
/// `NEAR()` when the very same one is. A term next to a `NOT` (either side) is never
/// dropped nor counts as seen; groups are kept and their terms compared within them; the
/// words inside a phrase or `NEAR()` are never dropped. So the query finds what it found.
///
/// At most `maximumTerms` terms are searched: a query with more (counted after dropping
/// repeats; a phrase or `NEAR()` counts each of its words) throws `QueryError`, as FTS5's
/// time grows faster than the number of terms. Translation itself takes time linear in the
/// query's length.
public struct QueryTranslator: Sendable {
    public static let columns: Set<String> = ["title", "body"]
    /// The most terms one query searches for; see the type's documentation.
    public static let maximumTerms = 64
    private let normalizer = TextNormalizer()

    public init() {}

    public func translate(_ query: String) throws(QueryError) -> String {
        let items = parse(balanceParentheses(lex(query)))
        guard items.contains(where: \.isOperand) else {
            throw QueryError("nothing to search for: the query has no words")
        }
        return try expression(tidy(items))
    }

    /// A word, prefix, phrase or NEAR() as FTS5 text, with the words it searches for.
    struct Operand: Equatable {
        var text: String
        /// Equal for operands FTS5 searches alike (`U.S.`, `u.s`).
        var key: String
        var terms: Int
    }

    /// A piece of the FTS5 expression being built.
    enum Item: Equatable {
        case operand(Operand)
        case op(String)
        /// `(`, or `column : (` when a column filter applies to the group.
        case open(column: String?)
        case close

        var isOperand: Bool { if case .operand = self { return true } else { return false } }
        var isOperator: Bool { if case .op = self { return true } else { return false } }
        var isOpen: Bool { if case .open = self { return true } else { return false } }
        var startsOperand: Bool { isOperand || isOpen }
        var endsOperand: Bool { isOperand || self == .close }

        var text: String {
            switch self {
            case .operand(let operand): return operand.text
            case .op(let text): return text
            case .open(let column): return column.map { "\($0) : (" } ?? "("
            case .close: return ")"
            }
        }
    }

    private func parse(_ tokens: [Token]) -> [Item] {
        var items: [Item] = []
        var index = 0
        func filtered(_ name: String, _ operand: Operand?) -> Item? {
            operand.map { .operand(Operand(text: "\(name) : \($0.text)", key: "\(name):\($0.key)", terms: $0.terms)) }
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .word(let word):
                term(word).map { items.append(.operand($0)) }
            case .phrase(let text, let prefix):
                quoted(text, prefix: prefix).map { items.append(.operand($0)) }
            case .near(let words, let distance):
                near(words, distance).map { items.append(.operand($0)) }
            case .column(let name):
                // Applies to what follows: a word, a phrase, NEAR() or a group; else dropped.
                guard index < tokens.count else { continue }
                switch tokens[index] {
                case .word(let word): filtered(name, term(word)).map { items.append($0) }
                case .phrase(let text, let prefix):
                    filtered(name, quoted(text, prefix: prefix)).map { items.append($0) }
                case .near(let words, let distance): filtered(name, near(words, distance)).map { items.append($0) }
                case .open: items.append(.open(column: name))
                default: continue
                }
                index += 1
            case .operator(let name):
                items.append(.op(name))
            case .open:
                items.append(.open(column: nil))
            case .close:
                items.append(.close)
            }
        }
        return items
    }

    private static let notNeedsSomethingBefore = QueryError("NOT needs something before it, as in `chips NOT nvidia`")

    /// Drops what typing leaves stray: empty groups, operators without an operand on both
    /// sides (the last of repeated ones wins). A NOT with nothing before it is an error when
    /// something follows it.
    ///
    /// One pass, the items kept so far a stack: an operator waits on top until what comes
    /// next shows whether it has a right side; a `)` right after its `(` takes both away.
    private func tidy(_ items: [Item]) throws(QueryError) -> [Item] {
        let lastOperandStart = items.lastIndex(where: \.startsOperand) ?? -1
        var kept: [Item] = []
        kept.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            switch item {
            case .operand, .open:
                kept.append(item)
            case .close:
                if kept.last?.isOperator == true { kept.removeLast() }
                if kept.last?.isOpen == true { kept.removeLast() } else { kept.append(item) }
            case .op(let name):
                // At the start or after another operator (an empty group between them
                // aside), a NOT is a mistake if words follow.
                if name == "NOT" && index < lastOperandStart
                    && (index == 0 || items[index - 1].isOperator || kept.last?.isOperator == true)
                {
                    throw Self.notNeedsSomethingBefore
                }
                if kept.last?.isOperator == true { kept.removeLast() }
                if kept.last?.endsOperand == true {
                    kept.append(item)
                } else if name == "NOT" && index + 1 < items.count && items[index + 1].startsOperand {
                    throw Self.notNeedsSomethingBefore
                }
            }
        }
        if kept.last?.isOperator == true { kept.removeLast() }
        return kept
    }

    /// The FTS5 expression of tidied items, each term required again in its run dropped;
    /// throws if more than `maximumTerms` terms are left.
    private func expression(_ items: [Item]) throws(QueryError) -> String {
        // The terms required so far in the current run of each open group, outermost first.
        var required: [Set<String>] = [[]]
        var output: [Item] = []
        output.reserveCapacity(items.count)
        var terms = 0
        for (index, item) in items.enumerated() {
            switch item {
            case .operand(let operand):
                let afterNOT = index > 0 && items[index - 1] == .op("NOT")
                let beforeNOT = index + 1 < items.count && items[index + 1] == .op("NOT")
                if !afterNOT && !beforeNOT && !required[required.count - 1].insert(operand.key).inserted {
                    // Never first in its run: an AND typed before it goes with it.
                    if output.last == .op("AND") { output.removeLast() }
                    continue
                }
                terms += operand.terms
            case .open:
                required.append([])
            case .close:
                required.removeLast()
            case .op(let name):
                // A fresh set, not one cleared at its old capacity per OR: that would be quadratic.
                if name == "OR" { required[required.count - 1] = [] }
            }
            // Adjacent operands are all required; FTS5 wants that said next to parentheses.
            if item.startsOperand && output.last?.endsOperand == true { output.append(.op("AND")) }
            output.append(item)
        }
        guard terms <= Self.maximumTerms else {
            throw QueryError("\(terms) terms; at most \(Self.maximumTerms) are searched: shorten the query")
        }
        return output.map(\.text).joined(separator: " ")
    }

    private func near(_ words: [String], _ distance: Int?) -> Operand? {
        let phrases = words.compactMap { term($0) }
        guard phrases.count >= 2 else { return phrases.first }
        let text = "NEAR(" + phrases.map(\.text).joined(separator: " ") + (distance.map { ", \($0)" } ?? "") + ")"
        return Operand(text: text, key: text, terms: phrases.reduce(0) { $0 + $1.terms })
    }

    /// A word as an FTS5 string, or a prefix query for `word*`; nil when it holds nothing
    /// searchable (punctuation, emoji). A possessive `'s` is dropped: `H20's` finds H20.
    private func term(_ word: String) -> Operand? {
        var word = word
        for suffix in ["'s", "’s", "'S", "’S"] where word.hasSuffix(suffix) && word.count > 2 {
            word.removeLast(2)
        }
        if word.hasSuffix("*") {
            let stem = String(
                word.drop(while: { $0 == "*" }).dropLast(word.reversed().prefix(while: { $0 == "*" }).count))
            return quoted(stem, prefix: true)
        }
        return quoted(word, prefix: false)
    }

    private func quoted(_ text: String, prefix: Bool) -> Operand? {
        let words = normalizer.words(of: text)
        guard !words.isEmpty else { return nil }
        let escaped = "\"" + text.replacingAll("\"", with: "\"\"") + "\""
        // ASCII text FTS5's tokenizer splits and folds as the normalizer does; other text
        // the normalizer may fold further (ß -> ss), so it is told apart as written.
        let key = text.utf8.allSatisfy { $0 < 0x80 } ? words.joined(separator: " ") : escaped
        return Operand(text: prefix ? escaped + " *" : escaped, key: prefix ? key + " *" : key, terms: words.count)
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
            if character == "(" && (word == "NEAR" || word.hasSuffix(":NEAR")) {
                word.removeLast(4)
                flushWord()
                index += 1
                var inside = ""
                while index < characters.count && characters[index] != ")" {
                    inside.append(characters[index])
                    index += 1
                }
                index += 1
                var distance: Int?
                var terms = inside
                if let comma = inside.lastIndex(of: ","),
                    let number = Int(inside[inside.index(after: comma)...].trimmingSpaces)
                {
                    distance = number
                    terms = String(inside[..<comma])
                }
                tokens.append(
                    .near(
                        terms.split(whereSeparator: { $0.isWhitespace || $0 == "\"" }).map(String.init),
                        distance: distance))
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

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
