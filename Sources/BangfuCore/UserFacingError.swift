/// An error a person reads: what went wrong and where, in Chinese for the person at the
/// screen and in English for logs, kept apart so that each front end words it once (the
/// command line prints both, a page or the JSON API the Chinese). Every module's errors
/// adopt it; `failure` says what kind it is, so the exit code or the HTTP status is
/// chosen in one place per front end.
public protocol UserFacingError: Error {
    /// The whole message in Chinese, with the file, row and column or the field.
    var chinese: String { get }
    /// The same in English.
    var english: String { get }
    /// What kind of failure it is.
    var failure: Failure { get }
    /// Both languages as one text, as the command line prints it: `中文 (English)` unless
    /// the error words itself otherwise (an import's report, one line per bad row).
    var message: String { get }
}

/// The kinds of failure a front end tells apart.
public enum Failure: Sendable, Equatable {
    /// A value typed into a command's option or a form's field is not of its kind (a date
    /// that does not exist, an amount that is not one): command line exit 2.
    case invalidValue
    /// A file or a record is wrong (a cell, a policy key): exit 1, HTTP 422.
    case badInput
    /// A rule or the state of a batch forbids the step: exit 1, HTTP 409.
    case refused
    /// What was asked for does not exist: exit 1, HTTP 404.
    case notFound
    /// The database or the disk cannot serve now (busy, full, unreadable): exit 1, HTTP 503.
    case unavailable
}

extension UserFacingError {
    public var failure: Failure { .badInput }
    public var message: String { "\(chinese) (\(english))" }
}
