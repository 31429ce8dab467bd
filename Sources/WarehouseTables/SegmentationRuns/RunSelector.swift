/// Which segmentation run a report shows.
public enum RunSelector: Sendable, Equatable, CustomStringConvertible {
    /// The run with the largest id (the `latest_run` view); none is fine: the report says so.
    case latest
    /// One run by id; a missing id is an error (`WarehouseError.noSuchRun`).
    case id(Int64)

    /// `"latest"` or a positive run id such as `"3"`; nil otherwise.
    public init?(parsing text: String) {
        if text == "latest" {
            self = .latest
        } else if let id = Int64(text), id >= 1 {
            self = .id(id)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .latest: "latest"
        case .id(let id): String(id)
        }
    }
}
