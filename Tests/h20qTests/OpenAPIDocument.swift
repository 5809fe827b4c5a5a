import Foundation

/// docs/openapi.yaml as a test reads it: the paths, each path's operations and documented
/// statuses, and each response's JSON schema, with `$ref`s followed; and a check of a JSON
/// value against a schema (types, required keys, enums), which is all the document says of
/// the bodies.
///
///     let document = try OpenAPIDocument(path: "docs/openapi.yaml")
///     document.statuses(of: "/v1/health") -> [200, 400, 403, 405, 408, 413, 414, 431, 503]
struct OpenAPIDocument {
    let root: [String: Any]

    /// docs/openapi.yaml of this checkout.
    static let repositoryCopy: String = {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("docs/openapi.yaml").path
    }()

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        root = try YAMLReader.parse(text) as? [String: Any] ?? [:]
    }

    private var pathItems: [String: Any] { root["paths"] as? [String: Any] ?? [:] }

    /// Every documented path, sorted.
    var paths: [String] { pathItems.keys.sorted() }

    /// The methods documented for `path` (`get`), sorted.
    func operations(of path: String) -> [String] {
        (pathItems[path] as? [String: Any])?.keys.filter { $0 != "parameters" && $0 != "summary" }.sorted() ?? []
    }

    private func responses(of path: String) -> [String: Any] {
        let operation = (pathItems[path] as? [String: Any])?["get"] as? [String: Any]
        return operation?["responses"] as? [String: Any] ?? [:]
    }

    /// The statuses documented for `GET path`, in order; a status that is not a number is
    /// left out here and reported by `problems`.
    func statuses(of path: String) -> [Int] {
        responses(of: path).keys.compactMap { Int($0) }.sorted()
    }

    /// What in the document this test cannot read: a response that is not a number.
    var problems: [String] {
        paths.flatMap { path in
            responses(of: path).keys.filter { Int($0) == nil }.map { "\(path): response \"\($0)\" is not a status" }
        }
    }

    /// The schema of the `application/json` body of `status` for `GET path`; nil when the
    /// document gives none.
    func schema(of path: String, status: Int) -> [String: Any]? {
        guard let response = responses(of: path)[String(status)] as? [String: Any] else { return nil }
        let content = resolve(response)["content"] as? [String: Any]
        return ((content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]).map(resolve)
    }

    /// The object `item` refers to (`$ref: "#/components/…"`), or `item` itself.
    func resolve(_ item: [String: Any]) -> [String: Any] {
        guard let reference = item["$ref"] as? String, reference.hasPrefix("#/") else { return item }
        var node: Any = root
        for name in reference.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(name)] ?? [String: Any]()
        }
        return resolve(node as? [String: Any] ?? [:])
    }

    /// Where `value` (as `JSONSerialization` read it) departs from `schema`, one line each;
    /// empty when it conforms.
    func mismatches(_ value: Any, _ schema: [String: Any], at place: String = "body") -> [String] {
        let schema = resolve(schema)
        if value is NSNull {
            return schema["nullable"] as? String == "true" || schema["type"] == nil ? [] : ["\(place) is null"]
        }
        var found: [String] = []
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(place) is not an object"] }
            for key in schema["required"] as? [Any] ?? [] {
                if let key = key as? String, object[key] == nil { found.append("\(place) has no \(key)") }
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let property = properties[key] as? [String: Any] {
                    found += mismatches(child, property, at: "\(place).\(key)")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(place) is not an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, element) in array.enumerated() {
                    found += mismatches(element, items, at: "\(place)[\(index)]")
                }
            }
        case "string":
            guard let string = value as? String else { return ["\(place) is not a string"] }
            if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { $0 as? String == string }) {
                found.append("\(place) is \"\(string)\", not one of \(allowed)")
            }
        case "integer":
            guard let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else {
                return ["\(place) is not an integer"]
            }
        case "number":
            guard value is NSNumber else { return ["\(place) is not a number"] }
        case "boolean":
            guard value is Bool else { return ["\(place) is not a boolean"] }
        default:
            break
        }
        return found
    }
}
