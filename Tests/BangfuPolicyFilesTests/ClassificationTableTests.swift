import BangfuCore
import Foundation
import Testing

@testable import BangfuPolicyFiles

/// `[classification] relative_below`: the 相对困难 line of the category check, optional.
struct ClassificationTableTests {
    @Test func aPolicyWithoutTheTableDrawsNoRelativeLine() throws {
        #expect(try PolicyFile.parse(PolicyText.valid, file: "test.toml").relativeHardshipMultiple == nil)
    }

    @Test func theTableGivesTheMultipleExactly() throws {
        let policy = try PolicyFile.parse(PolicyText.valid + "\n[classification]\nrelative_below = 2.5\n", file: "test.toml")
        #expect(policy.relativeHardshipMultiple == ExactDecimal(units: 25, scale: 1))
    }

    @Test func aMultipleOfZeroOrAnUnknownKeyIsRefused() throws {
        let zero = try PolicyText.error(parsing: PolicyText.valid + "\n[classification]\nrelative_below = 0\n")
        guard case .notPositive(let location, let value) = zero else { Issue.record("expected notPositive, got \(zero)"); return }
        #expect(location.keyPath == "classification.relative_below")
        #expect(value == "0")
        let typo = try PolicyText.error(parsing: PolicyText.valid + "\n[classification]\nrelative_bellow = 2\n")
        guard case .unknownKey(let place, let suggestion, _) = typo else { Issue.record("expected unknownKey, got \(typo)"); return }
        #expect(place.keyPath == "classification.relative_bellow")
        #expect(suggestion == "classification.relative_below")
    }

    @Test func theShippedPolicyDrawsTheRelativeLineAtTwiceTheDibao() throws {
        // Qingdao's self-test tool (domain.md, "Beyond the seeds"): 相对 below 2 × 低保; a placeholder to confirm.
        let policy = try PolicyFile.load(path: ShippedPolicyTests.path)
        #expect(policy.relativeHardshipMultiple == ExactDecimal(2))
    }
}
