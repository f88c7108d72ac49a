import BangfuCore
import Testing

struct OrderedOffloadTests {
    @Test func outputsComeBackInTheOrderTheInputsWentIn() {
        let offload = OrderedOffload<Int, Int>(depth: 3) { $0 * $0 }
        var outputs: [Int] = []
        for input in 0..<1000 { offload.submit(input) { outputs.append($0) } }
        offload.finish { outputs.append($0) }
        #expect(outputs == (0..<1000).map { $0 * $0 })
    }

    @Test func anErrorWhileConsumingStopsTheThreadWithoutHanging() {
        struct Refused: Error {}
        let offload = OrderedOffload<Int, Int>(depth: 2) { $0 }
        #expect(throws: Refused.self) {
            for input in 0..<100 { try offload.submit(input) { if $0 == 5 { throw Refused() } } }
        }
        // The offload is dropped here with inputs in flight: deinit must return.
    }
}
