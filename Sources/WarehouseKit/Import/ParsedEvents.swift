import Dispatch
import WarehouseSupport

/// The validation pass's parsing half for events.csv: the file is read and each record checked
/// on its own (`EventColumns.row`) on a background thread, and handed to the validating thread in
/// batches (`BatchChannel`), which checks what needs the import's state (users, items, kinds) and
/// counts. So the two halves run on the two cores. Records come in file order with their lines,
/// so problems are reported as a single pass would.
enum ParsedEvents: Sendable {
    struct Batch: Sendable {
        var lines: [Int] = []
        /// Each record as an event (its item, when it names one, copied out of the reader's buffer), or its problem.
        var rows: [Result<EventColumns.Row, ImportRowProblem>] = []
        var bytesRead: Int64 = 0
    }

    case batch(Batch)
    /// The file's end: the content hash of what was read, and why the reading stopped early (malformed CSV).
    case end(hash: UInt64, malformed: CSVReader.Malformed?)
    /// The file could not be opened or read again: why.
    case unreadable(String)

    static let batchRows = 8_192

    /// Starts the parser on `path` (whose header the caller checked); the caller takes batches until `end` or `unreadable`.
    static func start(path: String, subcategoryIDs: SubcategoryLookup, catalogName: String, latest: Int64) -> BatchChannel<ParsedEvents> {
        let channel = BatchChannel<ParsedEvents>(depth: 4)
        DispatchQueue.global(qos: .userInitiated).async {
            var problems = ImportProblems(limit: 1)
            guard let file = ImportFile.open(path, required: EventColumns.required, optional: EventColumns.optional,
                                             database: nil, problems: &problems),
                  let columns = EventColumns(file, problems: &problems) else {
                _ = channel.put(.unreadable("it changed while it was read (its header differs)"))
                return
            }
            let reader = file.reader
            var batch = Batch()
            do {
                while try reader.next() {
                    var result = columns.row(reader, width: file.width, subcategoryIDs: subcategoryIDs, catalogName: catalogName, latest: latest)
                    if case .success(var row) = result, !row.item.isEmpty {
                        row.item = ArraySlice(Array(row.item))
                        result = .success(row)
                    }
                    batch.lines.append(reader.line)
                    batch.rows.append(result)
                    if batch.rows.count >= batchRows {
                        batch.bytesRead = reader.bytesRead
                        guard channel.put(.batch(batch)) else { return }
                        batch = Batch()
                    }
                }
            } catch let malformed as CSVReader.Malformed {
                batch.bytesRead = reader.bytesRead
                guard channel.put(.batch(batch)) else { return }
                _ = channel.put(.end(hash: reader.contentHash, malformed: malformed))
                return
            } catch {
                _ = channel.put(.unreadable("\(error)"))
                return
            }
            batch.bytesRead = reader.bytesRead
            guard channel.put(.batch(batch)) else { return }
            _ = channel.put(.end(hash: reader.contentHash, malformed: nil))
        }
        return channel
    }
}
