import Crypto

/// The checksum of a set of files: SHA-256 over each path and its bytes, in path order, each
/// prefixed by its length so that no two different sets can run together into the same input.
public enum DefinitionChecksum {
    /// The checksum in lowercase hex.
    public static func of(_ files: [DefinitionFile]) -> String {
        var hash = SHA256()
        for file in files.sorted(by: { $0.path < $1.path }) {
            let path = Array(file.path.utf8)
            hash.update(data: lengthPrefix(path.count) + path)
            hash.update(data: lengthPrefix(file.bytes.count) + file.bytes)
        }
        return hex(hash.finalize())
    }

    /// A digest in lowercase hex.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: text, as: UTF8.self)
    }

    private static func lengthPrefix(_ count: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt64(count).bigEndian) { Array($0) }
    }
}
