/// What one `warehouse import` call reads and does.
public struct ImportConfiguration: Sendable {
    /// `catalog.csv`: `category,subcategory[,description]`.
    public var catalogPath: String
    /// `users.csv`: `user_id,username,email,age[,full_name]`.
    public var usersPath: String
    /// `likes.csv`: `user_id,subcategory,likes`, or `user_id,subcategory` (one row per like).
    public var likesPath: String
    /// Add users to a warehouse that already has the same catalogue (new ids only).
    public var append: Bool
    /// Validate everything, write nothing.
    public var dryRun: Bool
    /// Problems reported before the import stops reading.
    public var problemLimit: Int

    public init(catalogPath: String, usersPath: String, likesPath: String, append: Bool = false, dryRun: Bool = false,
                problemLimit: Int = 10) {
        self.catalogPath = catalogPath
        self.usersPath = usersPath
        self.likesPath = likesPath
        self.append = append
        self.dryRun = dryRun
        self.problemLimit = max(1, problemLimit)
    }
}
