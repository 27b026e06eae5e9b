package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.runner.BadInputException;
import dev.kubetune.runner.EnvironmentFault;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kubetune} command: what pods run, and the building blocks people use. */
@Command(name = "kubetune",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = KubetuneCommand.Version.class,
        description = "LLM fine-tuning and evaluation experiments: k-fold LoRA (FoldTraining) and batch inference (InferenceRun).",
        subcommands = {RunCommand.class, InferCommand.class, TrainFoldCommand.class, KfoldCommand.class, UnitCommand.class,
            ValidateCommand.class, RenderCommand.class, ReportCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "65:bad input (manifest, data set, model folder, adapter, arguments); do not retry",
            "70:internal error (a bug); please report it",
            "74:environment fault (disk full, I/O error, out of memory); retryable",
            "75:the state dir is in use by another kubetune run",
            "143:stopped by SIGTERM or SIGINT",
            "other:failure that may pass when retried"})
public final class KubetuneCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("kubetune: " + EnvironmentFault.of(e).orElseThrow().line()
                    + " (give the JVM more with JAVA_TOOL_OPTIONS=-Xmx…, or use a smaller batch size)");
            return ExitCodes.ENVIRONMENT;
        }
    }

    /** The configured command line: bad input and usage errors print one line and exit with 65. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new KubetuneCommand());
        cmd.setExecutionExceptionHandler((e, line, parseResult) -> {
            if (e instanceof BadInputException) {
                line.getErr().println("kubetune: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            var fault = EnvironmentFault.of(e);
            if (fault.isPresent()) {
                line.getErr().println("kubetune: " + fault.get().line());
                return ExitCodes.ENVIRONMENT;
            }
            if (System.getenv("KUBETUNE_DEBUG") != null) {
                e.printStackTrace(line.getErr());
            }
            line.getErr().println("kubetune: internal error: " + String.valueOf(e).lines().findFirst().orElse("")
                    + " (set KUBETUNE_DEBUG=1 for the stack trace, and please report it)");
            return ExitCodes.INTERNAL_ERROR;
        });
        cmd.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("kubetune: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        return cmd;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KubetuneCommand.class.getPackage().getImplementationVersion();
            return new String[] {"kubetune " + (v == null ? "(development build)" : v)};
        }
    }
}
