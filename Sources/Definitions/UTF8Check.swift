/// Well-formed UTF-8 (RFC 3629), checked a sequence at a time by the JSON readers, so that a
/// document with a stray byte is refused where the byte is instead of being read with
/// replacement characters.
enum UTF8Check {
    /// The length of the well-formed sequence that starts with the non-ASCII byte at `index`, or
    /// 0 when the bytes there are not UTF-8 (a stray continuation byte, an overlong form, a
    /// surrogate, a code point above U+10FFFF, or a sequence cut short).
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the range of the second byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= low, second <= high else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
