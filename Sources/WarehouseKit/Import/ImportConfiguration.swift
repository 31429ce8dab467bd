/// What one `warehouse import` call reads and does.
public struct ImportConfiguration: Sendable {
    /// `catalog.csv`: `category,subcategory[,description]`.
    public var catalogPath: String
    /// `users.csv`: `user_id,age` and optional `username,email,full_name` and the demographic columns (`UserDemographics`); nil (with `append` and events only): no new users.
    public var usersPath: String?
    /// `likes.csv`: `user_id,subcategory,likes`, or `user_id,subcategory` (one row per like); nil: none.
    public var likesPath: String?
    /// `events.csv`: `user_id,kind,timestamp` and `subcategory` or `item_id`, optional `value`, `keyword`; nil: none.
    public var eventsPath: String?
    /// `items.csv`: `item_id,subcategory`, one row per item and subcategory; nil: none.
    public var itemsPath: String?
    /// `--min-value kind=X`: the smallest value of each named kind that counts as interest.
    public var minValues: [String: Double]
    /// Add users (and events of users already there) to a warehouse that already has the same catalogue.
    public var append: Bool
    /// Validate everything, write nothing.
    public var dryRun: Bool
    /// Problems reported before the import stops reading.
    public var problemLimit: Int
    /// The import's current time (Unix seconds) for "far in the future" and for date_of_birth (its UTC day); nil: the clock's.
    public var now: Int64?
    /// Interaction rows held in memory before a sorted run is written.
    public var eventBufferRows: Int

    /// SQLite's page cache during the writing pass, MiB (the rest of the import stays under
    /// ~450 MB: sorted runs of at most 4M events, 4M queued like rows).
    public static let writeCacheMebibytes = 256

    public init(catalogPath: String, usersPath: String?, likesPath: String?, eventsPath: String? = nil,
                itemsPath: String? = nil, minValues: [String: Double] = [:], append: Bool = false, dryRun: Bool = false,
                problemLimit: Int = 10, now: Int64? = nil, eventBufferRows: Int = 4_000_000) {
        self.catalogPath = catalogPath
        self.usersPath = usersPath
        self.likesPath = likesPath
        self.eventsPath = eventsPath
        self.itemsPath = itemsPath
        self.minValues = minValues
        self.append = append
        self.dryRun = dryRun
        self.problemLimit = max(1, problemLimit)
        self.now = now
        self.eventBufferRows = max(1, eventBufferRows)
    }
}
