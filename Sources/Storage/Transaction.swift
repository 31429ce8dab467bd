/// How a transaction takes its locks (`BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
public enum TransactionKind: String, Sendable {
    /// Takes locks when first needed: for read-only work.
    case deferred = "DEFERRED"
    /// Takes the write lock at once, so a busy database fails (after the busy timeout) before
    /// any work is done rather than at the first write.
    case immediate = "IMMEDIATE"
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// The first error is the one that surfaces: a failing rollback after a failing body does
    /// not hide the body's error. A failing COMMIT is rolled back and its error thrown, unless the
    /// transaction only read: then the body's result stands.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue)")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        let wrote = hasWrittenInTransaction
        do {
            try execute("COMMIT")
        } catch {
            rollbackQuietly()
            // A transaction that only read loses nothing when its COMMIT fails (a statement that met
            // a corrupt page can leave that error for the COMMIT after the body caught it): its
            // reads are done, and ending it is all the COMMIT did.
            guard wrote else { return result }
            throw error
        }
        return result
    }

    /// Rolls back if a transaction is open, ignoring errors (SQLite may already have rolled back).
    private func rollbackQuietly() {
        if !isAutocommit {
            try? execute("ROLLBACK")
        }
    }
}
