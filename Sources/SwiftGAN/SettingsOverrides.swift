import Foundation

/// Settings with some fields replaced from a JSON object: `{"training": {"batchSize": 32}, "model": {"critics":
/// "both"}}` changes those two fields of `base` and keeps every other. A key that names no field of the settings is
/// an error, so a misspelt setting is never silently ignored.
public func overriding<Settings: Codable>(_ base: Settings, with json: Data) throws -> Settings {
    let parsed: Any
    do { parsed = try JSONSerialization.jsonObject(with: json) } catch {
        throw SettingsError("the settings file is not valid JSON")
    }
    guard let overrides = parsed as? [String: Any] else { throw SettingsError("the settings file must hold a JSON object") }
    let encoder = JSONEncoder()
    guard let current = try JSONSerialization.jsonObject(with: encoder.encode(base)) as? [String: Any] else {
        throw SettingsError("these settings are not a JSON object")
    }
    let merged = merge(current, overrides)
    let result: Settings
    do { result = try JSONDecoder().decode(Settings.self, from: JSONSerialization.data(withJSONObject: merged)) } catch {
        throw SettingsError("a setting has the wrong type (\(decodingPath(error)))")
    }
    // Every key given must survive a round trip through the settings type.
    let decoded = try JSONSerialization.jsonObject(with: encoder.encode(result)) as? [String: Any] ?? [:]
    if let unknown = unknownKey(overrides, in: decoded) { throw SettingsError("unknown setting '\(unknown)'") }
    return result
}

/// A settings file that cannot be applied; the message names the key.
public struct SettingsError: Error, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

private func merge(_ base: [String: Any], _ overrides: [String: Any]) -> [String: Any] {
    var out = base
    for (key, value) in overrides {
        if let inner = value as? [String: Any], let existing = base[key] as? [String: Any] {
            out[key] = merge(existing, inner)
        } else {
            out[key] = value
        }
    }
    return out
}

/// The dotted path of the first key of `given` that `decoded` lacks (null values may be absent).
private func unknownKey(_ given: [String: Any], in decoded: [String: Any], path: String = "") -> String? {
    for (key, value) in given.sorted(by: { $0.key < $1.key }) {
        let name = path.isEmpty ? key : "\(path).\(key)"
        guard let present = decoded[key] else {
            if value is NSNull { continue }
            return name
        }
        if let inner = value as? [String: Any], let presentInner = present as? [String: Any],
           let unknown = unknownKey(inner, in: presentInner, path: name)
        {
            return unknown
        }
    }
    return nil
}

private func decodingPath(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    let context: DecodingError.Context
    switch e {
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
    @unknown default: return "\(e)"
    }
    let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    return path.isEmpty ? context.debugDescription : "at \(path)"
}
