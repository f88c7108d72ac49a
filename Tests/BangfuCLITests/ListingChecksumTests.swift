import Foundation
import Testing

/// Every listing in every format prints on the sample year the bytes it printed before the
/// listings were rewritten to stream (issue 22): the md5 sums are those of the binary built
/// from 9fb76ac over `bangfu demo`, and for the listings the bank returns (issue 19) changed
/// in the sample year, those of c2ce82e — the merge just before the streaming listings. The audit's times and the demo's output folder, which
/// differ from run to run, are replaced by `AT` and `OUT` before the sum; so are the step
/// times in `batch show`'s heading. Tables are pinned too: the sample year's are shorter than
/// a first page, so they print as they always did.
struct ListingChecksumTests {
    static let expected: [(arguments: [String], format: String, md5: String)] = [
        (["households", "list"], "json", "0e515bf44c870429b164fd16fdca38c9"),
        (["households", "list"], "csv", "a74ec9d533e48bde6a707ca3a2616f40"),
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
        (["audit"], "json", "7400a2ea57a1343d61ea148416271cfd"),
        (["audit"], "csv", "679880742dc200c4804ab915a18f7581"),
        (["batch", "show", "1"], "json", "c4e6eb2238a53ac7660c2134a1a4825d"),
        (["batch", "show", "2"], "json", "ff310161723f4383146ed0b7e44bbea4"),
        (["batch", "show", "3"], "json", "45fb90877b14761a3d9aba2c2bc42213"),
        (["batch", "show", "4"], "json", "f7127a745a8d1217777136e7d4486c0a"),
        (["batch", "show", "5"], "json", "15156d08a8e12cdd85b9802969970a47"),
        (["batch", "show", "6"], "json", "720d61b577a24c049bf903e8a87ac56b"),
        (["batch", "show", "7"], "json", "2ba0c0a352bb32fb773927d5da9cd330"),
        (["batch", "show", "8"], "json", "b39bf16e7b07755a6a9bda03f082c055"),
        (["batch", "show", "1"], "csv", "657525a0ad386e42a3ea8009d2cc718f"),
        (["batch", "show", "2"], "csv", "b6804e26918082deaa056f4c895135ce"),
        (["batch", "show", "3"], "csv", "9dd2a90960b75aee8db8534d80ccef55"),
        (["batch", "show", "4"], "csv", "17c95a1ad50521ef12eff59cb24bc7ee"),
        (["batch", "show", "5"], "csv", "a91e6e3d90ba1390c5a4ab517e468c0d"),
        (["batch", "show", "6"], "csv", "eabd6f3441cb2162d1c2350680d5fc89"),
        (["batch", "show", "7"], "csv", "a6071fcb7bfc5a7ab1ab1cfcb1930125"),
        (["batch", "show", "8"], "csv", "5875894dcab151eb69d726a1264f8baf"),
        (["batch", "show", "1"], "table", "4bb4fd87b49bcfce87d7d6e7f42e0316"),
        (["batch", "show", "2"], "table", "0861de54b08f06961c920327fd69da16"),
        (["batch", "show", "3"], "table", "9d0848dc63a4d3f09e61e3286e342968"),
        (["batch", "show", "4"], "table", "abcb69c6bca2c8b04ad83ed64a86e283"),
        (["batch", "show", "5"], "table", "284dd4c187cc127d8a277f4f5fb72998"),
        (["batch", "show", "6"], "table", "1adb58ffb1ae4628159bcb35db457c9d"),
        (["batch", "show", "7"], "table", "d540bd8d8713a6e409c38041004c15be"),
        (["batch", "show", "8"], "table", "03222557d31f5e3de34b18a0ccd45eee"),
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
