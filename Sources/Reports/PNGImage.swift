/// An 8-bit PNG image: either palette indices (`indexed`) or RGB triples, encoded by SwiftGAN itself (zlib through
/// `Deflate`, chunk CRCs through `Checksums`).
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// `[height, width]` palette indices, or `[height, width, 3]` RGB bytes when `palette` is nil.
    public let pixels: [UInt8]
    /// Up to 256 RGB colours for an indexed image.
    public let palette: [RGB]?

    /// An indexed-colour image: one palette index per pixel, rows top to bottom.
    public init(width: Int, height: Int, indices: [UInt8], palette: [RGB]) throws {
        guard width > 0, height > 0, indices.count == width * height, (1...256).contains(palette.count),
              indices.allSatisfy({ Int($0) < palette.count })
        else {
            throw ReportError.invalidInput(
                "a \(width)×\(height) indexed image needs \(width * height) indices below its \(palette.count) colours")
        }
        self.width = width
        self.height = height
        self.pixels = indices
        self.palette = palette
    }

    /// A truecolour image: `[height, width, 3]` RGB bytes.
    public init(width: Int, height: Int, rgb: [UInt8]) throws {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw ReportError.invalidInput("a \(width)×\(height) RGB image needs \(width * height * 3) bytes, got \(rgb.count)")
        }
        self.width = width
        self.height = height
        self.pixels = rgb
        self.palette = nil
    }

    /// The PNG file: signature, IHDR, PLTE (indexed images), one IDAT, IEND.
    public var encoded: [UInt8] {
        let channels = palette == nil ? 3 : 1
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, palette == nil ? 2 : 3, 0, 0, 0]  // bit depth, colour type, compression, filter, interlace
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", header)
        if let palette { out += chunk("PLTE", palette.flatMap { [$0.red, $0.green, $0.blue] }) }
        // Each row starts with filter type 0 (none): palette indices and colour-mapped values gain little from the
        // predictive filters, and LZ77 already catches repeated rows.
        let stride = width * channels
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (stride + 1))
        for y in 0..<height {
            raw.append(0)
            raw += pixels[(y * stride)..<((y + 1) * stride)]
        }
        out += chunk("IDAT", Deflate.zlib(raw))
        out += chunk("IEND", [])
        return out
    }

    private func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(Checksums.crc32(typeBytes + data))
    }
}

/// An 8-bit RGB colour.
public struct RGB: Sendable, Equatable {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`.
    public var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
