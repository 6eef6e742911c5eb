package dev.esl.audit.cli;

/** The {@code audit} command's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    /** {@code verify} found a broken or missing link. */
    static final int BROKEN = 1;
    static final int BAD_INPUT = 2;
    static final int DATABASE = 3;
    static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
