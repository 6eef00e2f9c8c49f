extension KeyedDecodingContainer {
    /// The value for `key`, or `fallback` when the key is absent (or null): how configurations written by earlier
    /// versions, which lack newer fields, decode to the current defaults. A present value of the wrong type throws.
    public func decode<T: Decodable>(_ key: Key, default fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
