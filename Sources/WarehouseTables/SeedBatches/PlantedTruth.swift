// TEMPORARY placeholder until the truth branch merges.
package struct PlantedTruth: Sendable {
    package static func load(_ store: WarehouseStore, subcategoryIDs: [Int]) throws -> PlantedTruth? { nil }
    package func preference(userID: Int64, at: Int64, horizonSeconds: Int64, into: inout [Double]) -> Bool { false }
}
