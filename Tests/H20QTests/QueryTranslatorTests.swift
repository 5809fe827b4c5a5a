import H20QFixtures
import Testing

@testable import H20QSearch

struct QueryTranslatorTests {
    let translator = QueryTranslator()

    @Test(arguments: [
        ("remote shutdown", #""remote" AND "shutdown""#),
        ("H20's", #""H20""#),
        ("Nvidia’s chips", #""Nvidia" AND "chips""#),
        ("U.S. export", #""U.S." AND "export""#),
        ("Zelenskiy-Putin", #""Zelenskiy-Putin""#),
        ("C++ 😀 -- ???", #""C++""#),
        (#""remote shutdown" chips"#, #""remote shutdown" AND "chips""#),
        (#""unterminated quote"#, #""unterminated quote""#),
        ("chips OR accelerators", #""chips" OR "accelerators""#),
        ("chips NOT nvidia", #""chips" NOT "nvidia""#),
        ("chips or nvidia", #""chips" AND "or" AND "nvidia""#),
        ("OR chips AND", #""chips""#),
        ("chips AND AND nvidia", #""chips" AND "nvidia""#),
        ("chips OR AND nvidia", #""chips" AND "nvidia""#),
        ("export*", #""export" *"#),
        (#""export con"* rules"#, #""export con" * AND "rules""#),
        ("title:licence rules", #"title : "licence" AND "rules""#),
        (#"body:"remote shutdown""#, #"body : "remote shutdown""#),
        ("title:(chips OR gpus)", #"title : ( "chips" OR "gpus" )"#),
        ("title:NEAR(chips export)", #"title : NEAR("chips" "export")"#),
        ("note: this", #""note:" AND "this""#),
        ("NEAR(chips export, 5)", #"NEAR("chips" "export", 5)"#),
        ("NEAR(a b) (c)", #"NEAR("a" "b") AND ( "c" )"#),
        ("(chips OR gpus) AND export", #"( "chips" OR "gpus" ) AND "export""#),
        ("licence (chip OR export)", #""licence" AND ( "chip" OR "export" )"#),
        ("(chip OR export) licence", #"( "chip" OR "export" ) AND "licence""#),
        ("(a) (b)", #"( "a" ) AND ( "b" )"#),
        ("chips () export ( OR )", #""chips" AND "export""#),
        ("(chips OR gpus", #""chips" OR "gpus""#),
        ("chips) export", #""chips" AND "export""#),
        (#"say "hi"""#, #""say" AND "hi""#),
        (#"a"b"#, #""a" AND "b""#),
    ])
    func translates(_ query: String, _ expected: String) throws {
        #expect(try translator.translate(query) == expected)
    }

    @Test(arguments: ["", "   ", "😀 ?? --", "AND OR", #""""#])
    func nothingToSearch(_ query: String) {
        #expect(throws: QueryError.self) { try translator.translate(query) }
    }

    @Test(arguments: ["NOT nvidia", "chips (NOT nvidia)", "OR NOT nvidia", "chip OR NOT licence"])
    func leadingNOTIsExplained(_ query: String) {
        #expect(throws: QueryError("NOT needs something before it, as in `chips NOT nvidia`")) {
            try translator.translate(query)
        }
    }

    @Test func quotesInsideWordsAreEscaped() throws {
        #expect(try translator.translate(#"O"Brien"#) == #""O" AND "Brien""#)
    }

    /// A term required again in the same run of ANDs finds nothing more and is dropped; what
    /// an OR, a NOT, a phrase, NEAR or a column filter makes different is kept.
    @Test(arguments: [
        ("cocoa cocoa", #""cocoa""#),
        ("cocoa Cocoa COCOA", #""cocoa""#),
        ("cocoa AND cocoa", #""cocoa""#),
        ("U.S. u.s US u-s", #""U.S." AND "US""#),
        ("year, year year's (year)", #""year," AND ( "year" )"#),
        ("Straße strasse STRASSE Straße", #""Straße" AND "strasse""#),
        ("cocoa sugar cocoa AND sugar coffee", #""cocoa" AND "sugar" AND "coffee""#),
        ("cocoa cocoa*", #""cocoa" AND "cocoa" *"#),
        ("cocoa* cocoa* cocoa", #""cocoa" * AND "cocoa""#),
        (#"cocoa "cocoa" "cocoa beans" "cocoa beans""#, #""cocoa" AND "cocoa beans""#),
        (#""cocoa cocoa""#, #""cocoa cocoa""#),
        ("NEAR(cocoa cocoa) NEAR(cocoa cocoa)", #"NEAR("cocoa" "cocoa")"#),
        ("title:cocoa cocoa title:cocoa", #"title : "cocoa" AND "cocoa""#),
        ("cocoa OR cocoa", #""cocoa" OR "cocoa""#),
        ("cocoa sugar OR cocoa sugar", #""cocoa" AND "sugar" OR "cocoa" AND "sugar""#),
        ("cocoa cocoa OR sugar sugar", #""cocoa" OR "sugar""#),
        ("cocoa AND cocoa OR sugar", #""cocoa" OR "sugar""#),
        ("cocoa NOT cocoa", #""cocoa" NOT "cocoa""#),
        ("cocoa cocoa NOT sugar", #""cocoa" AND "cocoa" NOT "sugar""#),
        ("cocoa NOT sugar cocoa", #""cocoa" NOT "sugar" AND "cocoa""#),
        ("sugar NOT cocoa cocoa", #""sugar" NOT "cocoa" AND "cocoa""#),
        ("cocoa (cocoa OR sugar) cocoa", #""cocoa" AND ( "cocoa" OR "sugar" )"#),
        ("(cocoa cocoa) (cocoa cocoa)", #"( "cocoa" ) AND ( "cocoa" )"#),
        ("title:(cocoa cocoa)", #"title : ( "cocoa" )"#),
        ("cocoa (cocoa) AND cocoa", #""cocoa" AND ( "cocoa" )"#),
    ])
    func repeatedRequiredTermsAreSearchedOnce(_ query: String, _ expected: String) throws {
        #expect(try translator.translate(query) == expected)
    }

    @Test func aRepeatedWordIsSearchedOnce() throws {
        #expect(try translator.translate(String(repeating: "cocoa ", count: 200_000)) == #""cocoa""#)
        #expect(try translator.translate(String(repeating: "cocoa AND ", count: 50_000)) == #""cocoa""#)
    }

    /// Translation does work in proportion to the query, whatever its shape: the stray
    /// syntax that once took a rescan of the query per item dropped.
    @Test func strayOperatorsAndEmptyGroupsGoInOnePass() throws {
        let pairs = 20_000
        #expect(
            try translator.translate(
                String(repeating: "( ", count: pairs) + String(repeating: ") ", count: pairs) + "cocoa") == #""cocoa""#)
        #expect(try translator.translate(String(repeating: "() OR ", count: pairs) + "cocoa") == #""cocoa""#)
        #expect(try translator.translate("cocoa " + String(repeating: "OR NOT ", count: pairs)) == #""cocoa""#)
        #expect(
            try translator.translate("cocoa " + String(repeating: "AND OR ", count: pairs) + "sugar")
                == #""cocoa" OR "sugar""#)
    }

    /// Operators either side of an empty group are repeated operators: the last one wins,
    /// and a NOT after another operator needs something before it.
    @Test func operatorsAroundAnEmptyGroup() throws {
        #expect(try translator.translate("chips NOT ( ) OR gpus") == #""chips" OR "gpus""#)
        #expect(try translator.translate("chips OR ( ) AND gpus") == #""chips" AND "gpus""#)
        #expect(throws: QueryError("NOT needs something before it, as in `chips NOT nvidia`")) {
            try translator.translate("chips AND ( ) NOT gpus")
        }
    }

    /// At most `maximumTerms` terms are searched, counted once repeats are gone; a phrase or
    /// NEAR counts each of its words, an OR each of its sides.
    @Test func termsAreCountedAndCapped() throws {
        let words = (0..<QueryTranslator.maximumTerms).map { "word\($0)" }
        #expect(try translator.translate(words.joined(separator: " ")).split(separator: " AND ").count == words.count)
        #expect(
            try translator.translate(String(repeating: "word0 ", count: 10_000) + words.joined(separator: " "))
                == translator.translate(words.joined(separator: " ")))
        for query in [
            (words + ["word64"]).joined(separator: " "), (words + ["word1*"]).joined(separator: " "),
            (words.dropFirst() + ["\"two words\""]).joined(separator: " "),
            (words + ["word0"]).joined(separator: " OR "),
        ] {
            #expect(throws: QueryError("65 terms; at most 64 are searched: shorten the query")) {
                try translator.translate(query)
            }
        }
        let phrase = "\"" + words.joined(separator: " ") + " more\""
        #expect(throws: QueryError("65 terms; at most 64 are searched: shorten the query")) {
            try translator.translate(phrase)
        }
        #expect(throws: QueryError("128 terms; at most 64 are searched: shorten the query")) {
            try translator.translate(
                "NEAR(" + words.joined(separator: " ") + ") NEAR(" + words.joined(separator: " ") + ", 5)")
        }
        #expect(throws: QueryError("100000 terms; at most 64 are searched: shorten the query")) {
            try translator.translate(String(repeating: "cocoa OR ", count: 100_000))
        }
    }
}
