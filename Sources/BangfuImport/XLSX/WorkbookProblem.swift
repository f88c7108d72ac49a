/// Why an xlsx file cannot be read as a workbook, for `ImportError.brokenWorkbook`.
public enum WorkbookProblem: Error, Hashable, Sendable {
    /// The file starts as a zip archive but its directory cannot be read.
    case notAZip
    /// A part every workbook has is missing (`xl/workbook.xml`).
    case missingPart(String)
    /// The workbook names no worksheet, or its first worksheet's part is missing.
    case noWorksheet
    /// A part cannot be inflated, or its checksum does not match: the file is damaged or cut short.
    case unreadablePart(String)
    /// A part is not well-formed XML.
    case badXML(part: String, line: Int)
    /// A part declares a document type, which no workbook does.
    case documentType(String)
    /// A cell refers to a shared string that does not exist, or names no column.
    case badCell(String)
    /// The shared strings pass `SharedStrings.byteLimit` once inflated.
    case tooLarge(String)

    /// The problem in Chinese.
    public var chinese: String {
        switch self {
        case .notAZip: "zip压缩包无法打开"
        case .missingPart(let part): "缺少 \(part)，不是Excel保存的工作簿"
        case .noWorksheet: "工作簿中没有工作表"
        case .unreadablePart(let part): "\(part) 无法解压，文件已损坏或不完整"
        case .badXML(let part, let line): "\(part) 第\(line)行的XML格式错误"
        case .documentType(let part): "\(part) 含有文档类型声明（DTD），Excel保存的文件不会有"
        case .badCell(let reference): "单元格 \(reference) 的内容无法读取"
        case .tooLarge(let part): "\(part) 解压后过大"
        }
    }

    /// The problem in English.
    public var english: String {
        switch self {
        case .notAZip: "the zip archive cannot be opened"
        case .missingPart(let part): "\(part) is missing"
        case .noWorksheet: "the workbook has no worksheet"
        case .unreadablePart(let part): "\(part) cannot be inflated: the file is damaged or cut short"
        case .badXML(let part, let line): "malformed XML in \(part) at line \(line)"
        case .documentType(let part): "\(part) declares a document type"
        case .badCell(let reference): "cell \(reference) cannot be read"
        case .tooLarge(let part): "\(part) is too large once inflated"
        }
    }
}

/// A cell whose value the file itself has spoiled, found while reading it: reported as an
/// issue of its row and column like a bad value, before any check of the column.
public struct CellProblem: Hashable, Sendable {
    /// The value as Excel shows it.
    public var value: String
    public var reason: String
    public var english: String

    /// A number past Excel's 15 significant digits: an 18-digit 身份证号 or a bank account
    /// typed into a cell formatted as a number comes back with its last digits as zeros.
    static func lostDigits(_ shown: String) -> CellProblem {
        CellProblem(
            value: shown,
            reason: "数字超过15位，Excel已将末尾几位变为0（身份证号、银行账号等须先把单元格设为“文本”格式再输入）",
            english: "a number of more than 15 digits: Excel kept only 15, so the last digits are lost; type ids and account numbers into text cells")
    }
}
