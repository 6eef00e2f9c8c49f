/// A zlib stream (RFC 1950) of one DEFLATE block (RFC 1951) with the fixed Huffman codes and greedy LZ77 matching:
/// no dynamic tables, but images with flat areas (heatmaps, quiet spectrogram regions) still shrink several-fold.
enum Deflate {
    /// `data` compressed as a zlib stream.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var out = BitWriter()
        out.bytes = [0x78, 0x01]  // deflate, 32 KiB window; (0x78 · 256 + 0x01) is a multiple of 31
        out.write(1, bits: 1)  // BFINAL
        out.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes
        let window = 32768, minMatch = 3, maxMatch = 258, hashSize = 1 << 15
        var head = [Int](repeating: -1, count: hashSize)  // newest position of each 3-byte hash
        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & (hashSize - 1)
        }
        var i = 0
        while i < data.count {
            var length = 0, distance = 0
            if i + minMatch <= data.count {
                let h = hash(i)
                let candidate = head[h]
                head[h] = i
                if candidate >= 0 && i - candidate <= window {
                    let limit = min(maxMatch, data.count - i)
                    var n = 0
                    while n < limit && data[candidate + n] == data[i + n] { n += 1 }
                    if n >= minMatch { length = n; distance = i - candidate }
                }
            }
            if length > 0 {
                out.writeLength(length)
                out.writeDistance(distance)
                for j in (i + 1)..<(i + length) where j + minMatch <= data.count { head[hash(j)] = j }
                i += length
            } else {
                out.writeLiteral(Int(data[i]))
                i += 1
            }
        }
        out.writeLiteral(256)  // end of block
        out.flush()
        let adler = Checksums.adler32(data)
        return out.bytes + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }
}

/// DEFLATE's bit stream: values least significant bit first, Huffman codes most significant bit first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt32 = 0
    private var count = 0

    mutating func write(_ value: Int, bits: Int) {
        buffer |= UInt32(value) << count
        count += bits
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }

    /// A Huffman code of `bits` bits, sent most significant bit first.
    mutating func writeCode(_ code: Int, bits: Int) {
        var reversed = 0
        for k in 0..<bits where code & (1 << k) != 0 { reversed |= 1 << (bits - 1 - k) }
        write(reversed, bits: bits)
    }

    /// A literal/length symbol (0…285) with the fixed code.
    mutating func writeLiteral(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(0x30 + symbol, bits: 8)
        case 144...255: writeCode(0x190 + symbol - 144, bits: 9)
        case 256...279: writeCode(symbol - 256, bits: 7)
        default: writeCode(0xC0 + symbol - 280, bits: 8)
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                                     115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                        12, 12, 13, 13]

    /// A match length (3…258): its symbol 257…285 and extra bits.
    mutating func writeLength(_ length: Int) {
        let code = Self.lengthBase.lastIndex { $0 <= length }!
        writeLiteral(257 + code)
        write(length - Self.lengthBase[code], bits: Self.lengthExtra[code])
    }

    /// A match distance (1…32768): its 5-bit fixed code and extra bits.
    mutating func writeDistance(_ distance: Int) {
        let code = Self.distanceBase.lastIndex { $0 <= distance }!
        writeCode(code, bits: 5)
        write(distance - Self.distanceBase[code], bits: Self.distanceExtra[code])
    }

    /// Pads the last byte with zero bits.
    mutating func flush() {
        if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        buffer = 0
        count = 0
    }
}
