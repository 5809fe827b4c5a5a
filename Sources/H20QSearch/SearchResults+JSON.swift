extension SearchResults {
    /// The answer as `--json` prints it and the daemon sends it: the bytes `JSONEncoder` would
    /// write (keys sorted, slashes unescaped, indented), with a newline at the end, written
    /// directly; nil if a number is infinite or NaN, which JSON cannot hold.
    package var prettyJSON: [UInt8]? {
        var json = PrettyJSON(capacity: 1024 + hits.count * 1024)
        json.object { json in
            json.key("hits")
            json.array { json in
                for hit in hits { hit.write(to: &json) }
            }
            json.key("query")
            json.string(query)
            json.key("total")
            json.number(total)
            json.key("total_is_estimate")
            json.bool(totalIsEstimate)
        }
        if json.wroteNonFinite { return nil }
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

extension SearchHit {
    fileprivate func write(to json: inout PrettyJSON) {
        json.object { json in
            json.key("duplicates")
            json.array { json in
                for duplicate in duplicates {
                    json.object { json in
                        json.key("id")
                        json.string(duplicate.id)
                        json.key("published")
                        json.string(duplicate.published)
                        json.key("similarity")
                        json.number(duplicate.similarity)
                        json.key("source")
                        json.string(duplicate.source)
                    }
                }
            }
            json.key("id")
            json.string(id)
            json.key("published")
            json.string(published)
            json.key("score")
            json.number(score)
            json.key("snippet")
            json.string(snippet)
            json.key("source")
            json.string(source)
            json.key("title")
            json.string(title)
            json.key("url")
            json.string(url)
        }
    }
}
