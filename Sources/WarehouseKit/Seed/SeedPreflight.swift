import Foundation
import WarehouseTables
import WarehouseSupport

/// What a seed checks before it writes anything: that an appended-to file is not damaged
/// (SQLite's quick check), and that the file system can hold the transaction.
///
/// The space estimate, measured on seeded files (debug and release write the same bytes):
/// 246 bytes of database file per user at 200,000 and at 1,000,000 users (users, likes,
/// personas and the two unique indexes). In WAL mode the whole transaction is first written to
/// the `-wal` file and then copied into the database by the checkpoint, and the WAL keeps its
/// size until the last connection closes: at 1,000,000 users the database and its WAL peaked at
/// 493 MB together, twice the file. An append that keeps the indexes also rewrites the index
/// pages its new users land on (at random places: up to two 4 KiB pages per user, and never
/// more than the existing indexes, about 80 bytes per user); 50,000 users appended to 200,000
/// wrote a 26 MB WAL. A seed that rebuilds the indexes sorts their keys, beyond SQLite's cache in
/// temporary files (in SQLITE_TMPDIR or /var/tmp, usually the same disk): about 80 bytes per user
/// more. A seed into the new file it creates writes with a rollback journal
/// (`WarehouseStore.write(rollbackJournal:)`): its rows are written once, straight into the file,
/// so the estimate counts them once. The estimate adds a quarter on top of all that; only the
/// database's file system is checked.
public enum SeedPreflight {
    /// Database bytes per seeded user (measured: 246).
    public static let fileBytesPerUser: Int64 = 250
    /// Bytes of the unique indexes on `users` per existing user.
    static let indexBytesPerUser: Int64 = 80
    /// Database bytes of one user's interactions (about 88 of them, ~26 bytes each in the table's
    /// pages), measured: 2,410 MB for 1,000,000 users with a year of interactions (BENCHMARKS.md).
    public static let interactionBytesPerUser: Int64 = 2_400
    /// Bytes of one user's interactions in the seed's spill file (16 a row), beside the database.
    static let spillBytesPerUser: Int64 = 1_500
    static let pageSize: Int64 = 4_096

    /// Bytes of free space a seed of `users` new users into a warehouse of `existingUsers`
    /// needs at its peak (saturating at Int64.max).
    /// `days` > 0 adds the interactions (`interactionBytesPerUser`, whatever the days: a user's
    /// interactions are spread over the period, not multiplied by it), as many times as the rest,
    /// and once more their spill file (`spillBytesPerUser`).
    /// `newFile`: the seed creates the file (its rows are written once).
    public static func requiredBytes(users: Int, existingUsers: Int, days: Int = 0, newFile: Bool = false) -> Int64 {
        let new = Int64(clamping: users), existing = Int64(clamping: existingUsers)
        // The rows: once into a new file (rollback journal); else once in the WAL and once in the
        // database after the checkpoint.
        var bytes = multiply(new, (fileBytesPerUser + (days > 0 ? interactionBytesPerUser : 0)) * (newFile ? 1 : 2))
        if days > 0 { bytes = add(bytes, multiply(new, spillBytesPerUser)) }
        if new < existing {
            // The indexes are kept (SeedJob rebuilds them only when the users at least double).
            bytes = add(bytes, min(multiply(new, 2 * pageSize), multiply(existing, indexBytesPerUser)))
        } else {
            // The indexes are rebuilt: SQLite sorts their keys, in temporary files beyond its cache.
            bytes = add(bytes, multiply(add(new, existing), indexBytesPerUser))
        }
        return add(bytes, bytes / 4)
    }

    /// Free bytes for an unprivileged writer on the file system holding `path`; nil when unknown.
    public static func freeBytes(at path: String) -> Int64? {
        var info = statvfs()
        // A file system with no blocks at all (/proc, /sys) reports no space but holds no files:
        // unknown, so SQLite's own refusal names the real problem.
        guard statvfs(path, &info) == 0, info.f_blocks > 0 else { return nil }
        return multiply(Int64(clamping: UInt64(info.f_bavail)), Int64(clamping: UInt64(info.f_frsize)))
    }

    /// Refuses a seed when the file system of `path` has less free space than it needs.
    /// - Parameter free: the free bytes (nil: unknown, not refused).
    static func refuseIfDiskTooSmall(path: String, users: Int, existingUsers: Int, days: Int = 0, newFile: Bool = false,
                                     free: Int64?) throws {
        guard let free else { return }
        let needed = requiredBytes(users: users, existingUsers: existingUsers, days: days, newFile: newFile)
        guard needed > free else { return }
        throw WarehouseError.invalidArgument(
            "not enough free space to seed \(users) users into '\(path)': it needs about \(formatBytes(needed)) "
                + "(\(fileBytesPerUser + (days > 0 ? interactionBytesPerUser : 0)) bytes per user, "
                + (newFile ? "written once into the new file" : "twice over while the WAL holds the transaction")
                + ", plus the indexes and a 25% margin), "
                + "the file system has \(formatBytes(free)) free; nothing was written")
    }

    /// The space check for a database that does not exist yet, for a caller that wants to refuse
    /// before creating the file (`SeedJob.run` checks again, with the users already there):
    /// the free space of the directory that will hold it. An existing file is left to `SeedJob.run`.
    public static func refuseBeforeCreating(path: String, users: Int, days: Int = 0) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try refuseIfDiskTooSmall(path: path, users: users, existingUsers: 0, days: days, newFile: true,
                                 free: freeBytes(at: directory.isEmpty ? "." : directory))
    }

    /// Refuses to append to a file that fails SQLite's quick check: adding rows to damaged pages
    /// spreads the damage, and the seed's own checks cannot see it.
    static func refuseIfDamaged(store: WarehouseStore) throws {
        let messages: [String]
        do {
            messages = try IntegrityQueries.integrity(store, quick: true, limit: 1)
        } catch {
            throw WarehouseStore.translate(error, path: store.path, busyTimeoutMilliseconds: store.busyTimeoutMilliseconds)
        }
        guard messages != ["ok"] else { return }
        let first = printableExcerpt(messages.first ?? "?")
        throw WarehouseError.invalidArgument(
            "database '\(store.path)' fails SQLite's quick check (\(first)); refusing to append to a damaged file "
                + "(see `warehouse check`); nothing was written")
    }

    /// Both checks, before a seed writes anything.
    static func check(store: WarehouseStore, configuration: SeedConfiguration, existingUsers: Int) throws {
        if configuration.append && existingUsers > 0 {
            try refuseIfDamaged(store: store)
        }
        try refuseIfDiskTooSmall(path: store.path, users: configuration.users, existingUsers: existingUsers, days: configuration.days,
                                 newFile: SeedJob.writesOnce(store: store, existingUsers: existingUsers), free: freeBytes(at: store.path))
    }

    /// 1234567890 → "1.2 GB" (decimal units, as `df -H` prints them).
    static func formatBytes(_ bytes: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : Format.fixed(value, 1) + " " + units[unit]
    }

    private static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : value
    }

    private static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : value
    }
}
