import Tabular

/// Table CSV: decoding, delimiter sniffing, column typing.
func fuzz(_ bytes: [UInt8]) {
    _ = try? Table(csv: bytes, file: "fuzz")
}
