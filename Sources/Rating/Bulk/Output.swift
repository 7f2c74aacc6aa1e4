#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPlatform

/// The files a run writes, each under a temporary name until the run succeeds, then renamed,
/// so that a reader sees a complete file or none.
///
/// Where the file system allows it, the bytes bypass the page cache (`O_DIRECT`), written from an
/// aligned buffer a block at a time: copying hundreds of megabytes into the page cache costs more
/// CPU than rating them (see docs/PERFORMANCE.md). Elsewhere the same buffer is written plainly.
final class Output {
    private static let block = 4096
    private static let capacity = 4 << 20
    private let path: String
    private let temporary: String
    private let descriptor: Int32
    /// Whether the file is open for direct writes, which must be whole aligned blocks.
    private var direct: Bool
    private let buffer: UnsafeMutableRawPointer
    private var filled = 0
    /// Bytes of content, written or buffered.
    private var size = 0

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
        let flags = O_WRONLY | O_CREAT | O_TRUNC
        let directFlag = revenue_open_direct_flag()
        var descriptor: Int32 = directFlag == 0 ? -1 : open(temporary, flags | directFlag, 0o644)
        direct = descriptor >= 0
        if descriptor < 0 { descriptor = open(temporary, flags, 0o644) }
        guard descriptor >= 0 else {
            throw RatingInputError("\(temporary): cannot create: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.block, Self.capacity) == 0, let memory else {
            close(descriptor)
            unlink(temporary)
            throw RatingInputError("\(temporary): cannot allocate a write buffer")
        }
        buffer = memory
        var header = header
        _ = header.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
    }

    deinit {
        free(buffer)
        close(descriptor)
        unlink(temporary)
    }

    /// Appends bytes; the buffer is written whenever it fills.
    func append(_ bytes: [UInt8]) throws(RatingInputError) {
        var offset = 0
        while offset < bytes.count {
            let taken = bytes.withUnsafeBytes { copy(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            offset += taken
            if filled == Self.capacity { try flush(Self.capacity) }
        }
    }

    /// Copies what fits in the buffer and returns how much that was.
    private func copy(_ bytes: UnsafeRawBufferPointer) -> Int {
        let count = min(bytes.count, Self.capacity - filled)
        if count > 0 { (buffer + filled).copyMemory(from: bytes.baseAddress!, byteCount: count) }
        filled += count
        size += count
        return count
    }

    /// Writes the first `count` bytes of the buffer and keeps the rest at its start.
    private func flush(_ count: Int) throws(RatingInputError) {
        var offset = 0
        while offset < count {
            let written = write(descriptor, buffer + offset, count - offset)
            if written < 0, errno == EINTR { continue }
            if direct, written < 0 || written % Self.block != 0 {
                // The file system refused direct writes, or wrote part of a block: go on plainly.
                direct = false
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~revenue_open_direct_flag())
                if written > 0 { offset += written }
                continue
            }
            guard written > 0 else {
                throw RatingInputError("\(temporary): cannot write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        let kept = filled - min(count, filled)
        if kept > 0 { buffer.copyMemory(from: buffer + count, byteCount: kept) }
        filled = kept
    }

    /// Writes what is left and gives the file its name.
    func commit() throws(RatingInputError) {
        if direct {
            // Whole blocks only: the last is padded, and the padding cut off again.
            let padded = (filled + Self.block - 1) / Self.block * Self.block
            (buffer + filled).initializeMemory(as: UInt8.self, repeating: 0, count: padded - filled)
            try flush(padded)
            guard ftruncate(descriptor, off_t(size)) == 0 else {
                throw RatingInputError("\(temporary): cannot finish writing: \(String(cString: strerror(errno)))")
            }
        } else {
            try flush(filled)
        }
        guard rename(temporary, path) == 0 else {
            throw RatingInputError("\(path): cannot finish writing: \(String(cString: strerror(errno)))")
        }
    }
}
