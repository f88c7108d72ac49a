import BangfuCore
import Foundation

/// A password as spec §8 takes it on the command line: the first line of standard input, or
/// asked twice on a terminal with the echo off — never an argument, which `ps` and the
/// shell's history would show.
enum PasswordInput {
    static func read() throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else {
                throw CommandError("没有从标准输入读到密码（第一行）", english: "no password on the first line of standard input")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try ask("密码 (password): ")
        let second = try ask("再次输入密码 (again): ")
        guard first == second else { throw CommandError("两次输入的密码不一致", english: "the two passwords differ") }
        return first
    }

    /// One line read from the terminal with the echo off.
    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else {
            throw CommandError("没有读到密码", english: "no password was typed")
        }
        return line
    }
}
