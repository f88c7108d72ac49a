@testable import BangfuCore

/// The Qingdao 2024 standards built in code, with the seed lines they come from, so the
/// rule tests do not depend on the policy-file loader.
enum Qingdao {
    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static func policy(mode: Policy.CapMode = .reduce) -> Policy {
        Policy(
            id: "qingdao-2024", name: "青岛市工会困难职工帮扶救助标准（2024年）", basis: [],
            // 002:2201–2203 (1045 used in January 2024), 002:2227 (1115 by September 2024); dates are placeholders.
            dibao: [.init(from: date("2023-07-01"), monthly: .yuan(1045)), .init(from: date("2024-07-01"), monthly: .yuan(1115))],
            incomeCap: .init(multiple: ExactDecimal("2.1")!, mode: mode),  // 002:2203–2205
            living: .init(
                annualMaxMonths: [.deep: 12, .relative: 8, .accident: 8],  // 002:2191–2195
                batchMonths: [.deep: 6, .relative: 4, .accident: 4],  // 002:2197–2199
                roundDownTo: .yuan(1000)),  // 002:2201–2203 (取整 6000 / 4000)
            education: .init(
                preschool: .yuan(3000), compulsory: .yuan(3000), highSchool: .yuan(5000),  // 002:2215–2219
                higher: [.deep: .yuan(10000), .relative: .yuan(8000), .accident: .yuan(8000)],  // 002:2219–2223
                special: [.deep: .yuan(10000), .relative: .yuan(8000), .accident: .yuan(8000)]),
            medical: .init(ratio: ExactDecimal("0.5")!, annualMax: .yuan(20000)),  // placeholder: no seed number
            modelWorker: .init(
                standardLine: .yuan(42000), standardLineFrom: date("2024-09-01"), annualMax: .yuan(30000),  // ≤3万: 002:4816
                special: [.majorIllness: .yuan(20000), .disability: .yuan(15000), .disaster: .yuan(10000)]),
            warmth: .init(worker: .yuan(3000), modelWorker: .yuan(1000)),  // 002:5212, 5218
            reviews: [.first, .second])
    }

    static func id(born year: Int, _ n: Int) -> IDNumber {
        IDNumber(region: 370202, birth: CalendarDate(year: year, month: 1 + n % 12, day: 1 + n % 28)!, sequence: n % 1000)
    }

    static func household(_ category: HardshipCategory, size: Int, income: Int, medical: Int? = nil, archive: String = "QD-1") -> Household {
        Household(
            archiveNumber: ArchiveNumber(archive), headName: "王建国", headIDNumber: id(born: 1975, 1), workUnit: "", unionName: "",
            category: category, registeredOn: date("2022-01-01"), size: size, annualIncome: .yuan(income),
            medicalExpense: medical.map(Money.yuan), phone: "", bankName: "", bankAccount: "")
    }

    static func student(_ stage: SchoolStage, _ n: Int, note: String? = nil) -> Member {
        Member(archiveNumber: ArchiveNumber("QD-1"), name: "学生\(n)", idNumber: id(born: 2005, n + 10), relation: "子女", schoolStage: stage, note: note)
    }

    static func calculator(_ kind: BatchKind, on day: String, earlier: EarlierAid = EarlierAid(), mode: Policy.CapMode = .reduce) throws -> BatchCalculator {
        try BatchCalculator(kind: kind, date: date(day), policy: policy(mode: mode), earlier: earlier)
    }
}
