import ArgumentParser
import BangfuApp
import BangfuStore
import BangfuWeb
import Dispatch
import Hummingbird

extension Bangfu {
    /// `bangfu serve [--host 127.0.0.1] [--port 8080] [--policies DIR]` (spec §9): the clerks'
    /// pages and the JSON API on one port, on the same database as every command.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "启动网页服务与 JSON API (the web application, spec §9).")
        @Option(help: "监听地址 (address)") var host = "127.0.0.1"
        @Option(help: "端口 (port)") var port = 8080
        @Option(help: "策略文件目录 (policy files)") var policies = "policies"
        @Flag(help: "只通过 HTTPS 访问时使用：Cookie 一律带 Secure (behind a TLS proxy that sends no X-Forwarded-Proto)")
        var secureCookies = false
        @Option(help: "上传文件的大小上限（MB，1–4096），超过即拒绝 (largest upload in MB)") var uploadLimit = defaultUploadLimit >> 20
        @Option(help: "连接空闲多少秒后断开（1–3600），防止不完整的请求占住连接 (seconds a connection may stay silent)")
        var idleTimeout = defaultIdleTimeout
        @OptionGroup var database: DatabaseOptions

        /// The largest `--upload-limit`: 4 GiB, more than a province's archive as CSV.
        static let largestUploadLimit = 4096
        /// The longest `--idle-timeout`: an hour.
        static let longestIdleTimeout = 3600

        func validate() throws {
            guard (1...Self.largestUploadLimit).contains(uploadLimit) else {
                Terminal.error(
                    "--upload-limit 应为 1 到 \(Self.largestUploadLimit) 之间的整数（MB），实为 \(uploadLimit) "
                        + "(--upload-limit must be 1 to \(Self.largestUploadLimit) MB)")
                throw ExitCode.validationFailure
            }
            guard (1...Self.longestIdleTimeout).contains(idleTimeout) else {
                Terminal.error(
                    "--idle-timeout 应为 1 到 \(Self.longestIdleTimeout) 之间的整数（秒），实为 \(idleTimeout) "
                        + "(--idle-timeout must be 1 to \(Self.longestIdleTimeout) seconds)")
                throw ExitCode.validationFailure
            }
        }

        func run() throws {
            let store = try BangfuDatabase(path: database.path, concurrentReads: true)
            // Uploads a killed server left behind hold people's data: gone before anything is served.
            UploadSpool.removeAbandoned()
            let spool = try UploadSpool()
            let settings = WebSettings(
                policiesDirectory: policies, policies: try PolicyDirectory.load(policies), uploadLimit: uploadLimit << 20,
                uploadFolder: spool.folder, alwaysSecureCookies: secureCookies, idleTimeout: idleTimeout)
            let application = buildApplication(store: store, host: host, port: port, settings: settings)
            let finished = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                do { try await application.runService() } catch { failure.error = error }
                finished.signal()
            }
            finished.wait()
            withExtendedLifetime(spool) {}
            // Audit lines and session uses the requests left to write beside them.
            store.finishDeferredWrites()
            // The usual cause is the address: another server on the port, or a host this
            // machine does not have. The library's own words go in the English part only.
            if let error = failure.error {
                throw CommandError(
                    "服务无法在 \(host):\(port) 上监听（端口可能已被占用，或本机没有这个地址）",
                    english: "the server cannot listen on \(host):\(port): \(error)", failure: .unavailable)
            }
        }
    }
}

/// The server's error, handed from its task to the command's thread after `finished`.
private final class ServeFailure: @unchecked Sendable {
    var error: (any Error)?
}
