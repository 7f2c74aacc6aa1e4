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
        return hash.finalize().map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    private static func lengthPrefix(_ count: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt64(count).bigEndian) { Array($0) }
    }
}
