import BangfuCore

extension Sheet {
    /// Refuses what neither format can show, before the file is created, so that a bad
    /// sheet fails the same way as csv and as xlsx and leaves no half-written file.
    func check(for path: String) throws(ExportError) {
        for row in 0..<bodyRowCount {
            for column in 0..<columnCount {
                if case .decimal(let text) = bodyCell(row: row, column: column), ExactDecimal(text) == nil {
                    throw .invalidDecimal(path: path, row: row, column: column, value: text)
                }
            }
        }
        for (index, merge) in merges.enumerated() {
            guard merge.firstRow >= 0, merge.firstColumn >= 0, merge.firstRow <= merge.lastRow,
                merge.firstColumn <= merge.lastColumn, merge.lastRow < bodyRowCount, merge.lastColumn < columnCount,
                merge.firstRow < merge.lastRow || merge.firstColumn < merge.lastColumn
            else { throw .invalidMerge(path: path, merge) }
            if let other = merges[..<index].first(where: merge.overlaps) {
                throw .overlappingMerges(path: path, other, merge)
            }
        }
    }
}
