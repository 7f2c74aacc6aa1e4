/// One definitions file as stored: its path relative to the definitions root, and its bytes.
public struct DefinitionFile: Sendable, Hashable {
    /// The path, relative to the definitions root (`catalog/products.yaml`).
    public var path: String
    /// The file's bytes, exactly as given.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
