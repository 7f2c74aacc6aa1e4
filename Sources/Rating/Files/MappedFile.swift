#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory, so that records are parsed where they lie, without
/// copies. Pages a pass is done with are released (``release(_:)``) so that resident memory
/// stays bounded however large the file is.
final class MappedFile: @unchecked Sendable {
    /// The path, as given.
    let path: String
    /// The file's bytes (empty for an empty file).
    let bytes: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer?
    /// Whether the bytes are a copy in memory rather than a mapping.
    private let owned: Bool

    /// Maps `path`; throws a message naming the file when it cannot be opened or mapped.
    init(path: String) throws(RatingInputError) {
        self.path = path
        owned = false
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw RatingInputError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw RatingInputError("\(path): cannot read: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw RatingInputError("\(path): not a regular file") }
        let size = Int(status.st_size)
        guard size > 0 else {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw RatingInputError("\(path): cannot map: \(String(cString: strerror(errno)))")
        }
        _ = madvise(mapped, size, MADV_SEQUENTIAL)
        base = mapped
        bytes = UnsafeRawBufferPointer(start: mapped, count: size)
    }

    /// A copy of `bytes` in memory, read as if it were a file named `name` (for usage sent in a
    /// request rather than a file).
    init(copying bytes: [UInt8], name: String) {
        path = name
        owned = true
        guard !bytes.isEmpty else {
            base = nil
            self.bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 16)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        base = memory
        self.bytes = UnsafeRawBufferPointer(start: memory, count: bytes.count)
    }

    /// Lets the system drop the pages of `range` from this process; reading them again maps them back.
    func release(_ range: Range<Int>) {
        guard let base, !owned, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        let end = min(bytes.count, range.upperBound)
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    deinit {
        guard let base else { return }
        if owned { base.deallocate() } else { munmap(base, bytes.count) }
    }
}

/// A usage file or output directory that cannot be used at all: the message names it.
public struct RatingInputError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the file.
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
