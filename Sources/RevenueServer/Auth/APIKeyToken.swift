import HTTPTypes
import Crypto
public import Foundation
public import Storage

/// The text of an API key: `rk_<id>.<secret>`. The id (12 base-32 characters) is public and
/// names the key in lists and logs; the secret (32 random bytes, base64url) is shown once and
/// only its SHA-256 is stored.
public enum APIKeyToken {
    /// A new key: the record to store, and the full text to hand to its user (once).
    public static func issue(name: String, role: APIRole, createdBy: String, at date: Date) -> (key: APIKey, token: String) {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        let id = "rk_" + String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        let secretBytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = Data(secretBytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let key = APIKey(id: id, name: name, role: role, secretHash: hash(secret), createdBy: createdBy, createdAt: date)
        return (key, "\(id).\(secret)")
    }

    /// The id and secret of a key's text, or nil when it does not have the key's shape.
    public static func parse(_ token: some StringProtocol) -> (id: String, secret: String)? {
        guard token.hasPrefix("rk_"), let dot = token.firstIndex(of: "."), token.utf8.count <= 256 else { return nil }
        let id = String(token[..<dot])
        let secret = String(token[token.index(after: dot)...])
        guard id.utf8.count == 15, !secret.isEmpty else { return nil }
        return (id, secret)
    }

    /// SHA-256 of a secret.
    public static func hash(_ secret: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Whether two hashes are equal, in time that does not depend on where they differ.
    public static func matches(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
