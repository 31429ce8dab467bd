#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import WarehouseTables

/// An unlinked temporary file beside the database, for rows held between generating or reading
/// them and writing them in the table's key order (the seed's `InteractionSpill`, the import's
/// `EventSpill`). Created with `mkstemp` and unlinked at once: the system removes it when it is
/// closed, whatever happens to the process. Used by one thread at a time.
final class SpillFile: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    /// Who holds the file, for messages: "the seed", "the import".
    private let owner: String

    /// A spill file in `directory` (the current directory when empty).
    init(directory: String, owner: String) throws {
        var template = Array((directory.isEmpty ? "." : directory).utf8CString.dropLast()) + Array("/.warehouse-spill-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else {
            throw WarehouseError.invalidArgument("cannot create a temporary file in '\(directory)' for \(owner): \(String(cString: strerror(errno)))")
        }
        unlink(path)
        self.descriptor = descriptor
        self.path = path
        self.owner = owner
    }

    deinit { close(descriptor) }

    /// pwrite (`writing`) or pread of the first `count` bytes of `bytes` at byte `offset` of the
    /// file, retried until complete.
    func transfer<Element>(_ bytes: inout [Element], offset: Int, count: Int, writing: Bool) throws {
        precondition(count <= bytes.count * MemoryLayout<Element>.stride, "a spill transfer past its buffer")
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < count {
                let moved = writing ? pwrite(descriptor, base + done, count - done, off_t(offset + done))
                                    : pread(descriptor, base + done, count - done, off_t(offset + done))
                if moved < 0 && errno == EINTR { continue }
                guard moved > 0 else {
                    if moved < 0 && errno == EFBIG { throw WarehouseError.fileSizeLimit(path: path) }
                    if moved < 0 && errno == ENOSPC { throw WarehouseError.diskFull(path: path) }
                    let reason = moved == 0 ? "unexpected end of file" : String(cString: strerror(errno))
                    throw WarehouseError.invalidArgument("cannot \(writing ? "write" : "read") \(owner)'s temporary file '\(path)': \(reason); nothing was written")
                }
                done += moved
            }
        }
    }
}
