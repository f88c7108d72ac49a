import BangfuCore
import BangfuStore

extension DuplicateChecks {
    /// The findings of `year` as `viewer` may see them (`DuplicateQueue.view`): a union
    /// account only those about people of its union's archives; 身份证号 and bank accounts
    /// masked, in the numbers and in the details, where the viewer's roles may not see them whole.
    public static func report(year: Int, policyPath: String?, viewer: Account, in store: BangfuDatabase) throws -> DuplicateReport {
        try Authority.require(.viewChecks, by: viewer)
        return try DuplicateQueue.view(try DuplicateQueue.scan(year: year, policyPath: policyPath, in: store), viewer: viewer, in: store)
    }
}
