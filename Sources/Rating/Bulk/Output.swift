#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a run writes, each under a temporary name until the run succeeds, then renamed,
/// so that a reader sees a complete file or none.
final class Output {
    private let path: String
    private let temporary: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []

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
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw RatingInputError("\(temporary): cannot create: \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: header.utf8)
    }

    deinit {
        close(descriptor)
        unlink(temporary)
    }

    /// Appends bytes: small pieces gather in a buffer, large ones are written straight through.
    func append(_ bytes: [UInt8]) throws(RatingInputError) {
        guard bytes.count >= 1 << 16 else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { try flush() }
            return
        }
        try flush()
        let ok = bytes.withUnsafeBytes { DuplicateFinder.writeAll(descriptor, $0) }
        guard ok else { throw RatingInputError("\(temporary): cannot write: \(String(cString: strerror(errno)))") }
    }

    private func flush() throws(RatingInputError) {
        let ok = buffer.withUnsafeBytes { DuplicateFinder.writeAll(descriptor, $0) }
        guard ok else { throw RatingInputError("\(temporary): cannot write: \(String(cString: strerror(errno)))") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, syncs, and gives the file its name.
    func commit() throws(RatingInputError) {
        try flush()
        guard rename(temporary, path) == 0 else {
            throw RatingInputError("\(path): cannot finish writing: \(String(cString: strerror(errno)))")
        }
    }
}
