import Foundation
import Testing

/// Every listing in every format prints on the sample year the bytes it printed before the
/// listings were rewritten to stream (issue 22): the md5 sums are those of the binary built
/// from 9fb76ac over `bangfu demo`. The audit's times and the demo's output folder, which
/// differ from run to run, are replaced by `AT` and `OUT` before the sum; so are the step
/// times in `batch show`'s heading. Tables are pinned too: the sample year's are shorter than
/// a first page, so they print as they always did.
struct ListingChecksumTests {
    static let expected: [(arguments: [String], format: String, md5: String)] = [
        (["households", "list"], "json", "0e515bf44c870429b164fd16fdca38c9"),
        (["households", "list"], "csv", "d7033013d99f836e38a0080e3db9aa4f"),
        (["households", "list"], "table", "1c5faa4a9582097c6209ab4848f39aee"),
        (["model-workers", "list"], "json", "bf6370bc814f3ec9ba0fda0d5fded9ae"),
        (["model-workers", "list"], "csv", "84f9bfa11d2133d752e2fa9d48783142"),
        (["model-workers", "list"], "table", "42a52c5440f2d4d8f03efa7e19a9427e"),
        (["batch", "list"], "json", "950b2bbec595d2cccda304e0fa0aa285"),
        (["batch", "list"], "csv", "5decc6518a914e47fced8902e872f3f6"),
        (["batch", "list"], "table", "8d34134ef9c4835bcc0f348e325baaf5"),
        (["user", "list"], "json", "8999c4a7d8ff90df0d91b07e0617cb2a"),
        (["user", "list"], "csv", "a08c26aa11e4180d7ea59471b31bea14"),
        (["user", "list"], "table", "b8ae966a5d08514423806150deff6a09"),
        (["audit"], "json", "027df0e0042c8b659c21f01ff217c715"),
        (["audit"], "csv", "4f8bf09b18349b1288cef8e64b3436e2"),
        (["batch", "show", "1"], "json", "72e799706b2728b51195bbc0c7e1bc23"),
        (["batch", "show", "2"], "json", "98f0440d889bf118d63d6f54639a5b35"),
        (["batch", "show", "3"], "json", "67ee4f40b891edd42d0bfc7ba3e87d37"),
        (["batch", "show", "4"], "json", "04f2e115c679be2ad787ddf0628a2a51"),
        (["batch", "show", "5"], "json", "da46545fc98ae92c95e5e1f3db928acb"),
        (["batch", "show", "6"], "json", "6451f388e5af8fb942fa19a5d6fb139a"),
        (["batch", "show", "7"], "json", "c8aa3853ae4b59753035a8513043b3eb"),
        (["batch", "show", "8"], "json", "bb143858116ae10e70ea9c28c30375d3"),
        (["batch", "show", "1"], "csv", "657525a0ad386e42a3ea8009d2cc718f"),
        (["batch", "show", "2"], "csv", "b6804e26918082deaa056f4c895135ce"),
        (["batch", "show", "3"], "csv", "9dd2a90960b75aee8db8534d80ccef55"),
        (["batch", "show", "4"], "csv", "17c95a1ad50521ef12eff59cb24bc7ee"),
        (["batch", "show", "5"], "csv", "a91e6e3d90ba1390c5a4ab517e468c0d"),
        (["batch", "show", "6"], "csv", "eabd6f3441cb2162d1c2350680d5fc89"),
        (["batch", "show", "7"], "csv", "a6071fcb7bfc5a7ab1ab1cfcb1930125"),
        (["batch", "show", "8"], "csv", "5875894dcab151eb69d726a1264f8baf"),
        (["batch", "show", "1"], "table", "578d4db9ce7bb4124788bcb57c1dd92c"),
        (["batch", "show", "2"], "table", "8041836f726b0dd853253ecb039388bc"),
        (["batch", "show", "3"], "table", "2247b075610f2f7ca25f9e4e4de5141b"),
        (["batch", "show", "4"], "table", "aaa00ee9e9437106381a33915eac2e1c"),
        (["batch", "show", "5"], "table", "fb8533f73f5dd955a49bdf79c4a4d940"),
        (["batch", "show", "6"], "table", "d58c739fbe56b81c6be5b02d91f73784"),
        (["batch", "show", "7"], "table", "90626670d8933ba9cfeba048d12254a8"),
        (["batch", "show", "8"], "table", "c04bac4f16aa0bbb03bd6301f9f4d4c1"),
    ]

    /// `text` with its moments (`2026-12-06T14:52:40Z`, `2026-12-06 14:52:40`) as `AT` and the
    /// demo's folder as `OUT`.
    static func steady(_ text: String, folder: String) throws -> String {
        let moment = try NSRegularExpression(pattern: "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}([.0-9]*)?([+-][0-9:]+|Z)?")
        let timeless = moment.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "AT")
        return timeless.replacingOccurrences(of: folder, with: "OUT")
    }

    @Test func everyListingPrintsTheSampleYearAsItDidBefore() throws {
        // Given the sample year, built by the demo
        let runner = try CommandRunner()
        let folder = runner.folder.appendingPathComponent("demo").path
        let demo = try runner.run(["demo", "--db", runner.database, "--out", folder], withDatabase: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        // When each listing is printed in each format; then the bytes are the former ones
        for (arguments, format, sum) in Self.expected {
            let result = try runner.run(arguments + ["--format", format])
            #expect(result.status == 0, "\(arguments) \(format): \(result.stderr)")
            let text = try Self.steady(result.stdout, folder: folder)
            #expect(try CommandRunner.digest("md5sum", of: try runner.file("listing-\(UUID().uuidString).txt", text)) == sum, "\(arguments) \(format)")
        }
    }
}
