import BangfuCore
import BangfuStore

/// A batch that waits for a step the signed-in account may take.
public struct WaitingBatch: Sendable {
    public var batch: BatchListingJSON
    public var step: BatchStep

    /// The step as a button or a line of the 工作台 says it: `初审`.
    public var stepName: String { step.chineseName }
}

/// What waits for an account (the 工作台 of spec §9): the batches whose next step its roles
/// allow and segregation of duties leaves to it, in its union's scope.
public enum Workbench {
    /// The batches waiting for `viewer`, oldest first.
    public static func waitingBatches(viewer: Account, in store: BangfuDatabase) throws -> [WaitingBatch] {
        guard Permissions.allows(viewer.roles, .viewBatches) else { return [] }
        return try Batches.inScope(of: viewer, in: store).compactMap { batch in
            guard let step = BatchWorkflow.nextStep(batch.progress), Permissions.allows(viewer.roles, step.action),
                BatchWorkflow.allows(step, by: viewer.login, batch.progress)
            else { return nil }
            return WaitingBatch(batch: BatchListingJSON(batch), step: step)
        }
    }
}

extension BatchStep {
    /// The action whose permission the step needs.
    public var action: Action {
        switch self {
        case .creation, .computation: .prepareBatch
        case .review(.first): .reviewFirst
        case .review(.second): .reviewSecond
        case .approval: .approve
        case .payment: .pay
        }
    }
}
