import BangfuCore
import Testing

/// spec §8's roles against every action, as a table a reader checks by eye: ✓ allowed,
/// · forbidden. Columns: clerk 录入员, first_reviewer 初审, second_reviewer 复审, approver 审批,
/// finance 财务, auditor 监督, admin 管理员.
struct PermissionMatrixTests {
    static let columns: [Role] = [.clerk, .firstReviewer, .secondReviewer, .approver, .finance, .auditor, .admin]

    static let matrix: [(Action, String)] = [
        //                     录 初 复 审 财 监 管
        (.viewArchives,       "✓ ✓ ✓ ✓ ✓ ✓ ·"),
        (.editArchives,       "✓ · · · · · ·"),
        (.viewBatches,        "✓ ✓ ✓ ✓ ✓ ✓ ·"),
        (.prepareBatch,       "✓ · · · · · ·"),
        (.reviewFirst,        "· ✓ · · · · ·"),
        (.reviewSecond,       "· · ✓ · · · ·"),
        (.excludeEntry,       "· ✓ ✓ · · · ·"),
        (.approve,            "· · · ✓ · · ·"),
        (.pay,                "· · · · ✓ · ·"),
        (.exportNotice,       "✓ ✓ ✓ ✓ ✓ ✓ ·"),
        (.exportBank,         "· · · · ✓ · ·"),
        (.reconcile,          "· · · · ✓ · ·"),
        (.viewChecks,         "✓ ✓ ✓ ✓ ✓ ✓ ·"),
        (.decideDuplicates,   "· ✓ ✓ ✓ · · ·"),
        (.viewAudit,          "· · · · · ✓ ✓"),
        (.manageAccounts,     "· · · · · · ✓"),
    ]

    static func expected(_ action: Action, _ role: Role) throws -> Permission {
        let row = try #require(matrix.first { $0.0 == action }).1.split(separator: " ")
        let column = try #require(columns.firstIndex(of: role))
        return row[column] == "✓" ? .allowed : .forbidden
    }

    @Test func theTableNamesEveryActionAndEveryRoleOnce() {
        #expect(Set(Self.matrix.map(\.0)) == Set(Action.allCases))
        #expect(Self.matrix.count == Action.allCases.count)
        #expect(Set(Self.columns) == Set(Role.allCases))
        #expect(Self.matrix.allSatisfy { $0.1.split(separator: " ").count == Role.allCases.count })
    }

    @Test(arguments: Role.allCases)
    func aCitywideAccountGetsWhatTheTableSays(_ role: Role) throws {
        for action in Action.allCases {
            for scope in [RecordScope.citywide, .union("港工会"), .union("海尔工会")] {
                #expect(Permissions.decide(roles: [role], union: nil, action: action, on: scope) == (try Self.expected(action, role)), "\(role) \(action) \(scope)")
            }
        }
    }

    @Test(arguments: Role.allCases)
    func aUnionAccountGetsTheTableInItsUnionAndNotFoundOutsideIt(_ role: Role) throws {
        for action in Action.allCases {
            let inScope = Permissions.decide(roles: [role], union: "港工会", action: action, on: .union("港工会"))
            #expect(inScope == (try Self.expected(action, role)), "\(role) \(action) in scope")
            #expect(Permissions.decide(roles: [role], union: "港工会", action: action, on: .union("海尔工会")) == .notFound, "\(role) \(action) out of scope")
            #expect(Permissions.decide(roles: [role], union: "港工会", action: action, on: .citywide) == (try Self.expected(action, role)))
        }
    }

    @Test func severalRolesAllowWhatAnyOfThemAllows() {
        #expect(Permissions.decide(roles: [.clerk, .finance], union: nil, action: .pay, on: .citywide) == .allowed)
        #expect(Permissions.decide(roles: [.clerk, .finance], union: nil, action: .approve, on: .citywide) == .forbidden)
        #expect(Permissions.decide(roles: [], union: nil, action: .viewArchives, on: .citywide) == .forbidden)
    }

    @Test func identifiersAreMaskedForTheRolesThatMayNotSeeThemWhole() throws {
        let number = try #require(IDNumber("370203197009274709"))
        for role in Role.allCases {
            let full = [.clerk, .firstReviewer, .secondReviewer].contains(role)
            #expect(Masking.idNumber(number, for: [role]) == (full ? "370203197009274709" : "370203********4709"), "\(role)")
            #expect(Masking.bankAccount("6222020200112233446", for: [role]) == (role == .finance ? "6222020200112233446" : "****3446"), "\(role)")
        }
    }
}

/// Identifiers inside a text (a finding's detail) masked as a role may see them.
struct TextMaskingTests {
    let text = "身份证号370203197009274709与370203198802278224共用账号6222020200112233446"

    @Test func aClerkSeesIDNumbersButNotAccountsAndAnApproverNeither() {
        #expect(Masking.identifiers(in: text, for: [.clerk]) == "身份证号370203197009274709与370203198802278224共用账号****3446")
        #expect(Masking.identifiers(in: text, for: [.approver]) == "身份证号370203********4709与370203********8224共用账号****3446")
        #expect(Masking.identifiers(in: text, for: [.finance]) == "身份证号370203********4709与370203********8224共用账号6222020200112233446")
        #expect(Masking.identifiers(in: text, for: [.clerk, .finance]) == text)
    }
}
