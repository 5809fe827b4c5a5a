import Testing

@testable import H20QCore

struct QueryTranslatorTests {
    let translator = QueryTranslator()

    @Test(arguments: [
        ("remote shutdown", #""remote" "shutdown""#),
        ("H20's", #""H20""#),
        ("Nvidia’s chips", #""Nvidia" "chips""#),
        ("U.S. export", #""U.S." "export""#),
        ("Zelenskiy-Putin", #""Zelenskiy-Putin""#),
        ("C++ 😀 -- ???", #""C++""#),
        (#""remote shutdown" chips"#, #""remote shutdown" "chips""#),
        (#""unterminated quote"#, #""unterminated quote""#),
        ("chips OR accelerators", #""chips" OR "accelerators""#),
        ("chips NOT nvidia", #""chips" NOT "nvidia""#),
        ("chips or nvidia", #""chips" "or" "nvidia""#),
        ("OR chips AND", #""chips""#),
        ("chips AND AND nvidia", #""chips" AND "nvidia""#),
        ("export*", #""export" *"#),
        (#""export con"* rules"#, #""export con" * "rules""#),
        ("title:licence rules", #"title : "licence" "rules""#),
        (#"body:"remote shutdown""#, #"body : "remote shutdown""#),
        ("note: this", #""note:" "this""#),
        ("NEAR(chips export, 5)", #"NEAR("chips" "export", 5)"#),
        ("(chips OR gpus) AND export", #"( "chips" OR "gpus" ) AND "export""#),
        ("(chips OR gpus", #""chips" OR "gpus""#),
        ("chips) export", #""chips" "export""#),
        (#"say "hi"""#, #""say" "hi""#),
        (#"a"b"#, #""a" "b""#),
    ])
    func translates(_ query: String, _ expected: String) throws {
        #expect(try translator.translate(query) == expected)
    }

    @Test(arguments: ["", "   ", "😀 ?? --", "AND OR", #""""#])
    func nothingToSearch(_ query: String) {
        #expect(throws: QueryError.self) { try translator.translate(query) }
    }

    @Test func leadingNOTIsExplained() {
        #expect(throws: QueryError("NOT needs something before it, as in `chips NOT nvidia`")) {
            try translator.translate("NOT nvidia")
        }
    }

    @Test func quotesInsideWordsAreEscaped() throws {
        #expect(try translator.translate(#"O"Brien"#) == #""O" "Brien""#)
        #expect(try translator.translate(String(repeating: "chips ", count: 900)).count > 5000)
    }
}
