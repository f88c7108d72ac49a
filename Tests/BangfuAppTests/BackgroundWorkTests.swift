import BangfuApp
import Foundation
import Testing

/// Background work (a batch's computation, a year's duplicate check) runs below the
/// requests' priority, and so do the threads it starts; the caller's own priority is kept.
struct BackgroundWorkTests {
    @Test func backgroundWorkAndTheThreadsItStartsRunAtALowerPriority() async throws {
        let before = try await Blocking.run { BackgroundPriority.currentNiceness() }
        let (own, started) = try await Blocking.runInBackground { () -> (Int32, Int32) in
            let own = BackgroundPriority.currentNiceness()
            let result = NicenessBox()
            let thread = Thread { result.value = BackgroundPriority.currentNiceness(); result.done.signal() }
            thread.start()
            result.done.wait()
            return (own, result.value)
        }
        #expect(own == min(19, before + BackgroundPriority.niceness))
        #expect(started == own)
        let after = try await Blocking.run { BackgroundPriority.currentNiceness() }
        #expect(after == before)
    }
}

private final class NicenessBox: @unchecked Sendable {
    var value: Int32 = 0
    let done = DispatchSemaphore(value: 0)
}
