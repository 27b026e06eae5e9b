package dev.kubetune.runner.cli;

import dev.kubetune.api.contract.ExitCodes;
import dev.kubetune.runner.BadInputException;
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
            "other:failure that may pass when retried"})
public final class KubetuneCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: bad input and usage errors print one line and exit with 65. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new KubetuneCommand());
        cmd.setExecutionExceptionHandler((e, line, parseResult) -> {
            if (e instanceof BadInputException) {
                line.getErr().println("kubetune: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            throw e;
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
