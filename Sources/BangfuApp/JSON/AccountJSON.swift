import BangfuCore
import BangfuStore

/// `user list`'s element (spec §8): `{"login", "name", "roles", "union" (null = whole city), "active"}`.
public struct AccountJSON: Encodable, Sendable {
    public var login: String
    public var name: String
    public var roles: [String]
    public var union: String?
    public var active: Bool

    /// The account `account`; never its password's hash.
    public init(_ account: Account) {
        login = account.login
        name = account.name
        roles = account.roles.sorted().map(\.rawValue)
        union = account.union
        active = account.isActive
    }

    enum CodingKeys: String, CodingKey { case login, name, roles, union, active }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(login, forKey: .login)
        try container.encode(name, forKey: .name)
        try container.encode(roles, forKey: .roles)
        try container.encode(union, forKey: .union)
        try container.encode(active, forKey: .active)
    }
}
