import ArgumentParser
import BangfuApp
import BangfuCore
import BangfuImport
import BangfuStore
import Foundation

extension Bangfu {
    /// `bangfu user add|list|passwd|disable|enable|set` (spec §8, and `set` beyond it): the
    /// accounts people act through.
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "账号：新建、列出、改密码、停用、启用、改角色与工会 (accounts, spec §8).",
            subcommands: [Add.self, List.self, Passwd.self, Disable.self, Enable.self, SetRoles.self])

        /// `bangfu user add LOGIN --name NAME --role ROLE[,ROLE…] [--union UNION]`; the
        /// password is the first line of stdin, or asked twice on a terminal.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "新建账号；密码从标准输入第一行读取 (new account; password on stdin).")
            @Argument(help: "账号 (login)") var login: String
            @Option(help: "姓名") var name: String
            @Option(help: "角色，逗号分隔：clerk, first_reviewer, second_reviewer, approver, finance, auditor, admin") var role: String
            @Option(help: "所属工会：只能查看和办理该工会的档案；不给则全市") var union: String?
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var actor: ActorOptions

            func run() throws {
                let roles = try Self.roles(role)
                let password = try PasswordInput.read()
                let account = try Accounts.add(
                    AccountRequest(login: login, name: name, roles: roles, union: union), password: password, in: try database.open(),
                    context: try actor.context())
                print("已新建账号 \(account.login)（\(account.name)，\(account.roles.sorted().map(\.chineseName).joined(separator: "、"))，"
                    + "\(account.union ?? "全市")）")
            }

            /// `--role clerk,finance` as roles; an unknown word is an invalid value (exit 2).
            static func roles(_ text: String) throws -> Set<Role> {
                var roles: Set<Role> = []
                for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
                    guard let role = Role(rawValue: word) else {
                        throw CommandError(
                            "--role 的值「\(word.escapedForDisplay)」不是角色（可选：\(Role.allCases.map(\.rawValue).joined(separator: ", "))）",
                            english: "--role \(word.escapedForDisplay) is not a role", failure: .invalidValue)
                    }
                    roles.insert(role)
                }
                return roles
            }
        }

        /// `bangfu user list`: `[{"login", "name", "roles", "union", "active"}]`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "列出账号 (list accounts).")
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var output: FormatOptions

            func run() throws {
                let accounts = try Accounts.list(in: try database.openForReading())
                switch output.format {
                case .json:
                    print(try JSONTextEncoder().text(accounts.map(AccountJSON.init)))
                case .csv:
                    print(csvLine(["账号", "姓名", "角色", "所属工会", "状态"]))
                    for account in accounts { print(csvLine(Self.cells(account))) }
                case .table:
                    var table = TextTable(headers: ["账号", "姓名", "角色", "所属工会", "状态"])
                    for account in accounts { table.append(Self.cells(account)) }
                    print(table.render())
                }
            }

            static func cells(_ account: Account) -> [String] {
                [account.login, account.name, account.roles.sorted().map(\.chineseName).joined(separator: "、"), account.union ?? "全市",
                 account.isActive ? "启用" : "停用"]
            }
        }

        /// `bangfu user passwd LOGIN`: a new password, from stdin as for `add`.
        struct Passwd: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "修改密码；密码从标准输入第一行读取 (set a password).")
            @OptionGroup var target: AccountTarget

            func run() throws {
                let password = try PasswordInput.read()
                try Accounts.setPassword(of: target.login, to: password, in: try target.database.open(), context: try target.actor.context())
                print("已修改账号 \(target.login) 的密码")
            }
        }

        /// `bangfu user disable LOGIN`.
        struct Disable: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "停用账号 (disable an account).")
            @OptionGroup var target: AccountTarget
            func run() throws { try target.setActive(false) }
        }

        /// `bangfu user enable LOGIN`.
        struct Enable: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "启用账号 (enable an account).")
            @OptionGroup var target: AccountTarget
            func run() throws { try target.setActive(true) }
        }

        /// `bangfu user set LOGIN [--role R,R] [--union U | --no-union]`: new roles, a union,
        /// or the whole city; what is not given stays as it is.
        struct SetRoles: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set", abstract: "修改账号的角色或所属工会；未给出的保持不变 (set roles and union).")
            @Option(help: "新的角色，逗号分隔（替换原有角色）") var role: String?
            @Option(help: "所属工会：只能查看和办理该工会的档案") var union: String?
            @Flag(help: "改为全市账号 (no union)") var noUnion = false
            @OptionGroup var target: AccountTarget

            func validate() throws {
                if union != nil, noUnion { throw ValidationError("--union 与 --no-union 只能给一个 (give --union or --no-union, not both)") }
            }

            func run() throws {
                let store = try target.database.open()
                guard let current = try store.account(target.login) else { throw AccountStoreError.noSuchAccount(target.login.escapedForDisplay) }
                let roles = try role.map(Add.roles) ?? current.roles
                let union = noUnion ? nil : union ?? current.union
                try Accounts.update(login: target.login, roles: roles, union: union, in: store, context: try target.actor.context())
                let changed = try store.account(target.login) ?? current
                print("已修改账号 \(changed.login)（\(changed.roles.sorted().map(\.chineseName).joined(separator: "、"))，\(changed.union ?? "全市")）")
            }
        }

        /// The account a command changes, the database, and who changes it.
        struct AccountTarget: ParsableArguments {
            @Argument(help: "账号 (login)") var login: String
            @OptionGroup var database: DatabaseOptions
            @OptionGroup var actor: ActorOptions

            func setActive(_ active: Bool) throws {
                try Accounts.setActive(active, login: login, in: try database.open(), context: try actor.context())
                print("已\(active ? "启用" : "停用")账号 \(login)")
            }
        }
    }
}
