/// A closed choice that files and screens write in Chinese and JSON writes in English
/// (spec §6): the raw value is the JSON word, `chineseName` the word of spec §3.
public protocol ChineseVocabulary: RawRepresentable<String>, CaseIterable, Hashable, Sendable, Codable {
    /// The word people read and write in files, e.g. `深度困难`.
    var chineseName: String { get }
}

extension ChineseVocabulary {
    /// The case whose Chinese word is `text` (surrounding spaces ignored), or nil.
    @inlinable
    public init?(chineseName text: String) {
        var wanted = text.trimmed
        // Byte comparison: these words are fixed, and it skips Unicode normalisation.
        let match = wanted.withUTF8 { wantedBytes in
            Self.allCases.first { candidate in
                var name = candidate.chineseName
                return name.withUTF8 { $0.count == wantedBytes.count && $0.elementsEqual(wantedBytes) }
            }
        }
        guard let match else { return nil }
        self = match
    }

    /// The accepted Chinese words, `深度困难 | 相对困难 | 意外致困`, for error messages.
    public static var chineseChoices: String { allCases.map(\.chineseName).joined(separator: " | ") }
}

/// 困难类别 of a household archive.
public enum HardshipCategory: String, ChineseVocabulary {
    case deep, relative, accident
    public var chineseName: String {
        switch self {
        case .deep: "深度困难"
        case .relative: "相对困难"
        case .accident: "意外致困"
        }
    }
}

/// 档案状态: only 在档 households are candidates for aid.
public enum ArchiveStatus: String, ChineseVocabulary {
    case active, exited, closed
    public var chineseName: String {
        switch self {
        case .active: "在档"
        case .exited: "脱困"
        case .closed: "销档"
        }
    }
}

/// 就学阶段 of a household member; decides the 助学 limit.
public enum SchoolStage: String, ChineseVocabulary {
    case none, preschool, compulsory
    case highSchool = "high_school"
    case vocational, college, undergraduate, graduate, special
    public var chineseName: String {
        switch self {
        case .none: "无"
        case .preschool: "学前"
        case .compulsory: "义务教育"
        case .highSchool: "高中"
        case .vocational: "中职"
        case .college: "大学专科"
        case .undergraduate: "大学本科"
        case .graduate: "研究生"
        case .special: "特殊教育"
        }
    }

    /// Whether the member is a student at all.
    public var isStudying: Bool { self != .none }
}

/// 荣誉级别 of a model worker.
public enum HonorLevel: String, ChineseVocabulary {
    case national, provincial, municipal
    public var chineseName: String {
        switch self {
        case .national: "全国"
        case .provincial: "省部级"
        case .municipal: "市级"
        }
    }
}

/// 困难类型 of a model worker: which 劳模 batch may take them.
public enum ModelWorkerHardship: String, ChineseVocabulary {
    case living, special, none
    public var chineseName: String {
        switch self {
        case .living: "生活困难"
        case .special: "特殊困难"
        case .none: "无"
        }
    }
}

/// 特殊困难原因 of a model worker in special hardship (002:1819–1822).
public enum SpecialCause: String, ChineseVocabulary {
    case majorIllness = "major_illness"
    case disability, disaster
    public var chineseName: String {
        switch self {
        case .majorIllness: "重大疾病"
        case .disability: "劳动功能障碍或生活自理障碍"
        case .disaster: "意外灾害"
        }
    }
}

/// 救助类型 of an aid record; the first six are also the batch kinds of spec §1.
public enum AidKind: String, ChineseVocabulary {
    case living, education, medical
    case modelWorkerLiving = "model-worker-living"
    case modelWorkerSpecial = "model-worker-special"
    case warmth, other
    public var chineseName: String {
        switch self {
        case .living: "生活救助"
        case .education: "助学救助"
        case .medical: "医疗救助"
        case .modelWorkerLiving: "劳模生活困难补助"
        case .modelWorkerSpecial: "劳模特殊困难帮扶"
        case .warmth: "送温暖慰问"
        case .other: "其他"
        }
    }
}
