/// The phrases of an FTS5 expression as `QueryTranslator` writes it, in the order FTS5
/// numbers them (the order they are written in), each with the column filters that apply to
/// it: what the ranked search needs to compute each phrase's idf and bounds.
///
///     "oil" AND title : ( "opec" OR "output" * )   -> oil; title:opec; title:output*
///     NEAR("trade" "deficit", 5)                   -> trade; deficit
struct QueryPhrases {
    struct Phrase: Equatable {
        /// The phrase's text as written between the quotes.
        var text: String
        var isPrefix: Bool
        /// Column filters around it, outermost first.
        var columns: [String]

        /// The phrase alone, with its column filters: what FTS5 counts for its idf.
        var expression: String {
            let quoted = text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
            var expression = "\"" + quoted + "\"" + (isPrefix ? " *" : "")
            for column in columns.reversed() { expression = "\(column) : ( \(expression) )" }
            return expression
        }
    }

    static func parse(_ expression: String) -> [Phrase] {
        let characters = Array(expression)
        var index = 0
        var phrases: [Phrase] = []
        // Column filter of each open group (nil: none), and one waiting for its operand.
        var scopes: [String?] = []
        var pending: String?

        func columns() -> [String] { scopes.compactMap { $0 } + (pending.map { [$0] } ?? []) }
        func skipSpaces() { while index < characters.count && characters[index].isWhitespace { index += 1 } }
        func quoted() -> String {
            // At the opening quote; a doubled quote stands for one.
            index += 1
            var text = ""
            while index < characters.count {
                if characters[index] == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        text.append("\"")
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                text.append(characters[index])
                index += 1
            }
            return text
        }
        func phrase() -> Phrase {
            let text = quoted()
            let save = index
            skipSpaces()
            var prefix = false
            if index < characters.count && characters[index] == "*" {
                prefix = true
                index += 1
            } else {
                index = save
            }
            return Phrase(text: text, isPrefix: prefix, columns: columns())
        }

        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "\"" {
                phrases.append(phrase())
                pending = nil
            } else if character == "(" {
                scopes.append(pending)
                pending = nil
                index += 1
            } else if character == ")" {
                if !scopes.isEmpty { scopes.removeLast() }
                index += 1
            } else {
                var word = ""
                while index < characters.count, !characters[index].isWhitespace,
                    !"\"():".contains(characters[index])
                {
                    word.append(characters[index])
                    index += 1
                }
                if word == "NEAR" && index < characters.count && characters[index] == "(" {
                    index += 1
                    while index < characters.count && characters[index] != ")" {
                        if characters[index] == "\"" { phrases.append(phrase()) } else { index += 1 }
                    }
                    index += 1
                    pending = nil
                    continue
                }
                skipSpaces()
                if index < characters.count && characters[index] == ":" {
                    pending = word
                    index += 1
                } else if word.isEmpty {
                    index += 1
                }
            }
        }
        return phrases
    }
}
