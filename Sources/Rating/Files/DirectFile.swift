#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CPlatform

/// A file written front to back through an aligned buffer, bypassing the page cache (`O_DIRECT`)
/// where the file system allows it, and read back by byte range the same way.
///
/// Bulk rating writes and reads back hundreds of megabytes of output and scratch data. Copying
/// them through the page cache costs about as much CPU as rating the records (on the 2-core
/// reference machine, 3 s for each GB written); direct transfers cost almost none, and only wait
/// on the disk. Where direct transfers are refused (tmpfs, some network file systems), or a
/// direct write comes back short, the file goes on with plain transfers and the same bytes.
final class DirectFile: @unchecked Sendable {
    static let block = 4096
    let path: String
    private let descriptor: Int32
    private var direct: Bool
    private let capacity: Int
    private let buffer: UnsafeMutableRawPointer
    private var filled = 0
    /// Bytes appended so far, written or buffered.
    private(set) var size = 0

    /// Creates (or empties) the file, with a write buffer of `capacity` bytes (a whole number of
    /// blocks).
    init(path: String, capacity: Int, readable: Bool = false, purpose: String) throws(RatingInputError) {
        self.path = path
        self.capacity = max(Self.block, capacity / Self.block * Self.block)
        let flags = (readable ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC
        let directFlag = revenue_open_direct_flag()
        var descriptor: Int32 = directFlag == 0 ? -1 : open(path, flags | directFlag, 0o600)
        direct = descriptor >= 0
        if descriptor < 0 { descriptor = open(path, flags, readable ? 0o600 : 0o644) }
        guard descriptor >= 0 else {
            throw RatingInputError("\(path): cannot create \(purpose): \(String(cString: strerror(errno)))")
        }
        if !readable { _ = fchmod(descriptor, 0o644) }
        self.descriptor = descriptor
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.block, self.capacity) == 0, let memory else {
            close(descriptor)
            throw RatingInputError("\(path): cannot allocate a buffer for \(purpose)")
        }
        buffer = memory
    }

    deinit {
        free(buffer)
        close(descriptor)
    }

    /// Appends bytes; the buffer is written whenever it fills.
    func append(_ bytes: [UInt8]) throws(RatingInputError) {
        var failure: RatingInputError?
        bytes.withUnsafeBytes { bytes in
            do throws(RatingInputError) { try append(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends bytes; the buffer is written whenever it fills.
    func append(_ bytes: UnsafeRawBufferPointer) throws(RatingInputError) {
        var offset = 0
        while offset < bytes.count {
            let count = min(bytes.count - offset, capacity - filled)
            (buffer + filled).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            filled += count
            size += count
            offset += count
            if filled == capacity { try flush(capacity) }
        }
    }

    /// Writes what is buffered. Direct files get whole blocks, the last padded with zeros that lie
    /// past ``size``; `truncate` cuts them off. Call it once, after the last append.
    func finish(truncate: Bool) throws(RatingInputError) {
        guard direct else { return try flush(filled) }
        let padded = (filled + Self.block - 1) / Self.block * Self.block
        (buffer + filled).initializeMemory(as: UInt8.self, repeating: 0, count: padded - filled)
        try flush(padded)
        if truncate, ftruncate(descriptor, off_t(size)) != 0 {
            throw RatingInputError("\(path): cannot finish writing: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes the first `count` bytes of the buffer and keeps the rest at its start.
    private func flush(_ count: Int) throws(RatingInputError) {
        var offset = 0
        while offset < count {
            let written = write(descriptor, buffer + offset, count - offset)
            if written < 0, errno == EINTR { continue }
            if direct, written < 0 || written % Self.block != 0 {
                // Refused, or part of a block written: go on plainly from where it stopped.
                direct = false
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~revenue_open_direct_flag())
                if written > 0 { offset += written }
                continue
            }
            guard written > 0 else {
                throw RatingInputError("\(path): cannot write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        let kept = filled - min(count, filled)
        if kept > 0 { buffer.copyMemory(from: buffer + count, byteCount: kept) }
        filled = kept
    }

    /// Reads bytes `offset..<offset + destination.count` of a finished file into `destination`;
    /// safe from several threads at once. `false` when the file is shorter or cannot be read.
    func read(at offset: Int, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        guard !destination.isEmpty else { return true }
        guard direct else { return Self.readAll(descriptor, destination, at: offset) }
        let buffer = AlignedBuffer()
        guard let bytes = read(at: offset, count: destination.count, using: buffer) else { return false }
        destination.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        return true
    }

    /// Reads bytes `offset..<offset + count` of a finished file into `buffer`, which grows as
    /// needed, and returns where they lie there; safe from several threads at once, each with a
    /// buffer of its own. `nil` when the file is shorter or cannot be read.
    func read(at offset: Int, count: Int, using buffer: AlignedBuffer) -> UnsafeRawBufferPointer? {
        guard count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        guard direct else {
            guard buffer.reserve(count),
                  Self.readAll(descriptor, UnsafeMutableRawBufferPointer(start: buffer.memory, count: count), at: offset)
            else { return nil }
            return UnsafeRawBufferPointer(start: buffer.memory, count: count)
        }
        // Whole aligned blocks, then the range asked for within them.
        let start = offset / Self.block * Self.block
        let end = (offset + count + Self.block - 1) / Self.block * Self.block
        guard buffer.reserve(end - start), let memory = buffer.memory else { return nil }
        var done = 0
        while done < end - start {
            let read = pread(descriptor, memory + done, end - start - done, off_t(start + done))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { break }
            done += read
        }
        guard done >= offset - start + count else { return nil }
        return UnsafeRawBufferPointer(start: memory + (offset - start), count: count)
    }

    /// Empties the file for reuse.
    func clear() {
        _ = ftruncate(descriptor, 0)
        _ = lseek(descriptor, 0, SEEK_SET)
        filled = 0
        size = 0
    }

    private static func readAll(_ descriptor: Int32, _ bytes: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let read = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return false }
            done += read
        }
        return true
    }
}

/// Block-aligned memory that grows on demand and is kept for reuse, so that repeated reads
/// neither allocate nor fault fresh pages in.
final class AlignedBuffer: @unchecked Sendable {
    private(set) var memory: UnsafeMutableRawPointer?
    private var capacity = 0

    deinit { free(memory) }

    /// Makes room for `count` bytes; `false` when memory runs out.
    func reserve(_ count: Int) -> Bool {
        guard count > capacity else { return true }
        free(memory)
        memory = nil
        capacity = 0
        let size = (count + DirectFile.block - 1) / DirectFile.block * DirectFile.block
        var allocated: UnsafeMutableRawPointer?
        guard posix_memalign(&allocated, DirectFile.block, size) == 0 else { return false }
        memory = allocated
        capacity = size
        return true
    }
}
