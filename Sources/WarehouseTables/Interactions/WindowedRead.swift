import WarehouseSupport

extension WarehouseData {
    /// `readInTransaction`, with the interest of `window` when given (a run's window, so that
    /// `assign`, `target` and `recommend` see the users as the run saw them).
    package static func readInTransaction(_ store: WarehouseStore, window: InteractionWindow?, threads: Int = 2,
                                          parallelFrom: Int = parallelReadThreshold) throws -> WarehouseData {
        guard let window else { return try readInTransaction(store, threads: threads, parallelFrom: parallelFrom) }
        return try readWindowInTransaction(store, window: window, threads: threads, parallelFrom: parallelFrom)
    }

    /// `readInTransaction` with the window of run `run` (all-time likes for a run without one).
    package static func readInTransaction(_ store: WarehouseStore, run: Int64) throws -> WarehouseData {
        try readInTransaction(store, window: try RunWindowsTable.read(run: run, store))
    }

    /// Every user, with the interest of `window` (see `InteractionWindow`) in place of all-time
    /// likes, inside the caller's transaction. Two halves of the users are read on two
    /// connections from `parallelFrom` users on; the sums do not depend on the split (see
    /// `WindowedInterest`).
    ///
    /// `undecayed`: for a window with a half-life, also fill `undecayedLikes` (the same sums
    /// without the decay) in the same pass.
    package static func readWindowInTransaction(_ store: WarehouseStore, window: InteractionWindow, threads: Int,
                                                parallelFrom: Int, undecayed: Bool = false) throws -> WarehouseData {
        do {
            var data = try readInTransaction(store, threads: threads, parallelFrom: parallelFrom, likes: false)
            data.window = window
            let n = data.userCount, s = data.subcategories.count
            guard n > 0 else { return data }
            let plan = try WindowedInterest.plan(window, store)
            // The catalogue the users were just read with (not read, nor checked, a second time).
            let column = WarehouseReader.column(of: data.subcategories)
            let userIDs = data.userIDs
            let split = threads >= 2 && n >= max(2, parallelFrom) && store.path != ":memory:" && !store.path.isEmpty ? n / 2 : n
            let recipe = store.readerRecipe
            let path = store.path
            let both = undecayed && window.halfLifeSeconds != nil
            // One buffer of n × s sums (and one of the undecayed): each half adds into its own rows.
            var counts = [Double](repeating: 0, count: n * s)
            var whole = [Double](repeating: 0, count: both ? n * s : 0)
            try counts.withUnsafeMutableBufferPointer { countsBuffer in
                try whole.withUnsafeMutableBufferPointer { wholeBuffer in
                    let upperRows = SharedRows(counts: UnsafeMutableBufferPointer(rebasing: countsBuffer[(split * s)...]),
                                               whole: both ? UnsafeMutableBufferPointer(rebasing: wholeBuffer[(split * s)...]) : nil)
                    let upperHalf = Prefetcher<Result<Void, Error>>(count: split < n ? 1 : 0, depth: 1) { _ in
                        Result {
                            let connection = try recipe.open(user: path)
                            try connection.transaction(.deferred) {
                                try WindowedInterest.read(connection, plan: plan, userIDs: Array(userIDs[split...]), rows: 0..<(n - split),
                                                          ids: userIDs[split]...Int64.max, column: column, width: s,
                                                          into: upperRows.counts, undecayed: upperRows.whole)
                            }
                        }
                    }
                    let lower = Result {
                        try WindowedInterest.read(store, plan: plan, userIDs: userIDs, rows: 0..<split,
                                                  ids: Int64.min...(split < n ? userIDs[split] - 1 : Int64.max), column: column, width: s,
                                                  into: countsBuffer, undecayed: both ? wholeBuffer : nil)
                    }
                    // The upper half is waited for whatever the lower half did: its rows are in these buffers.
                    let upper: Result<Void, Error> = split < n ? upperHalf.take(0) : .success(())
                    try lower.get()
                    try upper.get()
                }
            }
            data.categoryLikes = data.categorySums(of: counts)
            data.subcategoryLikes = counts
            if both { data.undecayedLikes = whole }
            return data
        } catch {
            throw WarehouseStore.translate(error, path: store.path, busyTimeoutMilliseconds: store.busyTimeoutMilliseconds)
        }
    }
}

extension WarehouseData {
    /// `WindowedInterest.read` of `rows` into new buffers: the window's sums, and with
    /// `undecayed` the same sums without decay (else empty).
    fileprivate static func sums(_ store: WarehouseStore, plan: WindowedInterest.Plan, userIDs: [Int64], rows: Range<Int>,
                                 ids: ClosedRange<Int64>, column: [Int], width: Int, undecayed: Bool) throws -> ([Double], [Double]) {
        let size = rows.count * width
        var counts = [Double](repeating: 0, count: size)
        var whole = [Double](repeating: 0, count: undecayed ? size : 0)
        try counts.withUnsafeMutableBufferPointer { buffer in
            try whole.withUnsafeMutableBufferPointer { wholeBuffer in
                try WindowedInterest.read(store, plan: plan, userIDs: userIDs, rows: rows, ids: ids, column: column, width: width,
                                          into: buffer, undecayed: undecayed ? wholeBuffer : nil)
            }
        }
        return (counts, whole)
    }
}

extension WarehouseReader {
    /// The users with ids in `ids`, with the interest of `interest`'s window in place of all-time
    /// likes: `read(…, likes: false)` for the users, then `WindowedInterest.read` with exactly
    /// their ids, so memory holds this range's users and nothing of the interactions. The sums
    /// are added in the same order as `WarehouseData.readWindowInTransaction` (day, then key, for
    /// each user; categories from subcategories in column order), so a chunk's users get bit for
    /// bit the interest a windowed run gave them. Call inside the caller's read transaction, with
    /// `interest` resolved once (`WindowedInterest.plan`) for every chunk.
    /// `undecayed`: for a window with a half-life, also fill `undecayedLikes` in the same pass.
    package static func read(_ connection: WarehouseStore, catalogue: Catalogue, ids: ClosedRange<Int64>, capacity: Int,
                             interest: WindowedInterest.Plan, undecayed: Bool = false) throws -> WarehouseData {
        var data = try read(connection, catalogue: catalogue, ids: ids, capacity: capacity, likes: false)
        data.window = interest.window
        let n = data.userCount, s = data.subcategories.count
        guard n > 0 else { return data }
        let both = undecayed && interest.window.halfLifeSeconds != nil
        let (counts, whole) = try WarehouseData.sums(connection, plan: interest, userIDs: data.userIDs, rows: 0..<n, ids: ids,
                                                     column: catalogue.column, width: s, undecayed: both)
        data.categoryLikes = data.categorySums(of: counts)
        data.subcategoryLikes = counts
        if both { data.undecayedLikes = whole }
        return data
    }
}

extension WarehouseData {
    /// users × categories: each category's sum of its subcategories' columns of `counts` (users ×
    /// subcategories), added in column order.
    func categorySums(of counts: [Double]) -> [Double] {
        let n = userCount, s = subcategories.count, c = categories.count
        var sums = [Double](repeating: 0, count: n * c)
        let categoryOfColumn = subcategories.map(\.categoryIndex)
        for row in 0..<n {
            for j in 0..<s { sums[row * c + categoryOfColumn[j]] += counts[row * s + j] }
        }
        return sums
    }
}

/// The upper half's rows of a windowed read's sums, handed to the thread that adds into them.
/// Sound because the halves write disjoint rows and the reader waits for that thread before the
/// buffers' arrays can go (see `readWindowInTransaction`).
private struct SharedRows: @unchecked Sendable {
    let counts: UnsafeMutableBufferPointer<Double>
    let whole: UnsafeMutableBufferPointer<Double>?
}
