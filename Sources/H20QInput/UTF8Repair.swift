/// Bytes that claim to be UTF-8 but aren't are repaired (invalid sequences become U+FFFD)
/// before libxml2 sees them, which would otherwise reject them or misread them as Latin-1.
enum UTF8Repair {
    static func repaired(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        if let declared = declaredEncoding(bytes), !declared.hasPrefix("utf") { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// The encoding named by an XML declaration or an HTML meta charset near the top.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        for marker in ["encoding=", "charset="] {
            guard let range = head.range(of: marker) else { continue }
            let value = head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
            let name = value.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !name.isEmpty { return String(name).replacingOccurrences(of: "-", with: "") }
        }
        return nil
    }
}
