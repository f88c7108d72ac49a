import BangfuCore

extension Sheet {
    /// Refuses what neither format can show, before the file is created, so that a bad
    /// sheet fails the same way as csv and as xlsx and leaves no half-written file.
    func check(for path: String) throws(ExportError) {
        for row in 0..<bodyRowCount {
            for (column, cell) in bodyCells(row: row).enumerated() {
                if case .decimal(let text) = cell, ExactDecimal(text) == nil {
                    throw .invalidDecimal(path: path, row: row, column: column, value: text)
                }
            }
        }
        // Counted once: `columnCount` reads every row.
        let columns = columnCount
        for (index, merge) in merges.enumerated() {
            guard merge.firstRow >= 0, merge.firstColumn >= 0, merge.firstRow <= merge.lastRow,
                merge.firstColumn <= merge.lastColumn, merge.lastRow < bodyRowCount, merge.lastColumn < columns,
                merge.firstRow < merge.lastRow || merge.firstColumn < merge.lastColumn
            else { throw .invalidMerge(path: path, merge) }
            if let other = merges[..<index].first(where: merge.overlaps) {
                throw .overlappingMerges(path: path, other, merge)
            }
        }
    }

    /// Refuses text longer than an Excel cell holds (`excelTextLimit`), naming where it is:
    /// libxlsxwriter would refuse the cell midway with a code of its own.
    func checkForExcel(path: String) throws(ExportError) {
        let tooLong = { (text: String) in text.utf16.count > Self.excelTextLimit }
        if let title, tooLong(title) { throw .textTooLong(path: path, place: .title, length: title.utf16.count) }
        for (line, text) in subtitle.enumerated() where tooLong(text) {
            throw .textTooLong(path: path, place: .subtitle(line: line), length: text.utf16.count)
        }
        for (column, text) in headers.enumerated() where tooLong(text) {
            throw .textTooLong(path: path, place: .header(column: column), length: text.utf16.count)
        }
        for row in 0..<bodyRowCount {
            for (column, cell) in bodyCells(row: row).enumerated() {
                guard case .text(let text) = cell, tooLong(text) else { continue }
                let header = column < headers.count ? headers[column] : nil
                throw .textTooLong(path: path, place: .cell(row: row, column: column, header: header), length: text.utf16.count)
            }
        }
        for (line, text) in notes.enumerated() where tooLong(text) {
            throw .textTooLong(path: path, place: .note(line: line), length: text.utf16.count)
        }
    }

    /// The most characters an Excel cell holds (Excel's specifications and limits).
    static let excelTextLimit = 32_767
}
