package dev.esl.audit.cli;

import org.apache.ibatis.exceptions.PersistenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit query | trace | verify | heads | digest | verify-digests | archive}: for auditors and operators. */
@Command(name = "audit", mixinStandardHelpOptions = true, version = "audit 0.1.0",
        description = "Query, trace and verify the ESL platform's audit log.",
        subcommands = {QueryCommand.class, TraceCommand.class, VerifyCommand.class, HeadsCommand.class,
                DigestCommand.class, VerifyDigestsCommand.class, ArchiveCommand.class})
public final class AuditMain {
    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT, description = "print stack traces of errors")
    boolean stacktrace;

    public static void main(String[] args) {
        CliLogging.quiet();
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs a command line, printing to the writers given; returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        AuditMain main = new AuditMain();
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("audit: " + e.getMessage());
            if (main.stacktrace) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof IllegalArgumentException) {
                return ExitCodes.BAD_INPUT;
            }
            return e instanceof PersistenceException || e instanceof java.sql.SQLException ? ExitCodes.DATABASE
                    : ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }
}
