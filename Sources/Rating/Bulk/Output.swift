#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a run writes, each under a temporary name until the run succeeds, then renamed,
/// so that a reader sees a complete file or none. The bytes go through a ``DirectFile``.
final class Output {
    private let path: String
    private let temporary: String
    private let file: DirectFile

    /// Creates `directory` if needed and checks that it is a writable directory.
    static func prepare(_ directory: String) throws(RatingInputError) {
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw RatingInputError("\(directory): cannot create the output directory: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard stat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw RatingInputError("\(directory): not a directory")
        }
        guard access(directory, W_OK) == 0 else { throw RatingInputError("\(directory): not writable") }
    }

    init(_ path: String, header: String) throws(RatingInputError) {
        self.path = path
        temporary = path + ".partial"
        file = try DirectFile(path: temporary, capacity: 4 << 20, purpose: "an output file")
        try file.append(Array(header.utf8))
    }

    deinit {
        unlink(temporary)
    }

    func append(_ bytes: [UInt8]) throws(RatingInputError) {
        try file.append(bytes)
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws(RatingInputError) {
        try file.append(bytes)
    }

    /// Writes what is left and gives the file its name.
    func commit() throws(RatingInputError) {
        try file.finish(truncate: true)
        guard rename(temporary, path) == 0 else {
            throw RatingInputError("\(path): cannot finish writing: \(String(cString: strerror(errno)))")
        }
    }
}
