// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Bangfu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bangfu", targets: ["bangfu"]),
        .library(name: "BangfuCore", targets: ["BangfuCore"]),
        .library(name: "BangfuApp", targets: ["BangfuApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Only its bcrypt (HummingbirdBcrypt, a C core with no dependency) is used here.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Reading xlsx: the zip container (the sheets inside are streamed by libxml2).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Only its streaming `MultipartParser`, for uploads from the browser's forms.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Already under Hummingbird; named for its file system, which writes uploads off the event loop.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CCSV", path: "Sources/CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(
            name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev"])]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        /// Pure domain: records, money, identifiers, policies and rules. Foundation only.
        .target(name: "BangfuCore"),
        /// SQLite persistence of the domain records (GRDB over Debian's libsqlite3).
        .target(name: "BangfuStore", dependencies: ["BangfuCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        /// CSV files (libcsv) with encoding detection, and xlsx files (ZIPFoundation + libxml2's
        /// SAX parser), → domain values and row issues.
        .target(
            name: "BangfuImport",
            dependencies: ["BangfuCore", "CCSV", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        /// Policy and project files: TOML → validated `Policy` and `Project` values, with
        /// errors naming the file, line and key.
        .target(name: "BangfuPolicyFiles", dependencies: ["BangfuCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        /// Spreadsheets out: notices, bank lists and forms as xlsx (libxlsxwriter) or csv.
        .target(name: "BangfuExport", dependencies: ["BangfuCore", "CXLSXWriter"]),
        /// The use cases every front end calls (import, batches, lists, evaluation, the demo),
        /// with who and when given as a `RequestContext`; no command-line or web code.
        .target(
            name: "BangfuApp",
            dependencies: [
                "BangfuCore", "BangfuStore", "BangfuImport", "BangfuPolicyFiles", "BangfuExport",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        /// The web application of spec §9 (Hummingbird): the clerks' pages (Mustache templates
        /// and a style sheet shipped as resources) and the JSON API with its OpenAPI document
        /// (also a resource), over BangfuApp.
        .target(
            name: "BangfuWeb",
            dependencies: [
                "BangfuApp", "BangfuCore", "BangfuStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            resources: [.copy("Templates"), .copy("Static"), .copy("OpenAPI")]),
        /// The command line: argument parsing, printing and exit codes over BangfuApp.
        .executableTarget(
            name: "bangfu",
            dependencies: [
                "BangfuApp", "BangfuWeb", "BangfuCore", "BangfuStore", "BangfuImport", "BangfuPolicyFiles", "BangfuExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        /// Benchmarks on generated data; never part of the test suite.
        .executableTarget(
            name: "bangfu-bench",
            dependencies: ["BangfuCore", "BangfuStore", "BangfuImport", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]),

        .testTarget(name: "BangfuCoreTests", dependencies: ["BangfuCore"]),
        .testTarget(
            name: "BangfuStoreTests",
            dependencies: ["BangfuStore", "BangfuCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "BangfuImportTests",
            dependencies: [
                "BangfuApp", "BangfuImport", "BangfuStore", "BangfuCore", "BangfuExport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(name: "BangfuPolicyFilesTests", dependencies: ["BangfuPolicyFiles", "BangfuCore"]),
        .testTarget(name: "BangfuExportTests", dependencies: ["BangfuExport", "BangfuCore"]),
        .testTarget(name: "BangfuCLITests", dependencies: ["bangfu", "BangfuCore"]),
        .testTarget(
            name: "BangfuWebTests",
            dependencies: [
                "BangfuWeb", "BangfuApp", "BangfuCore", "BangfuStore", "BangfuExport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // A second connection holding SQLite's lock, for the busy-database answers.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "BangfuAppTests", dependencies: ["BangfuApp", "BangfuCore", "BangfuImport", "BangfuPolicyFiles", "BangfuStore"]),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz target (issue 17) has no `main`: libFuzzer brings one, so it links only when built
// with `-sanitize=fuzzer`, which `bench/fuzz` does with BANGFU_FUZZ set. Left out otherwise, so
// that `swift build` and `swift test` never see it.
if Context.environment["BANGFU_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "bangfu-fuzz", dependencies: ["BangfuCore", "BangfuImport", "BangfuPolicyFiles"]))
}
