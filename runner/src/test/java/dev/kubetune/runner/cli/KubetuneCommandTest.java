package dev.kubetune.runner.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class KubetuneCommandTest {

    @Test
    void everySubcommandPrintsItsHelp() {
        CommandLine cmd = KubetuneCommand.commandLine();
        assertThat(cmd.getSubcommands()).containsKeys("run", "infer", "train-fold", "kfold", "unit", "validate",
                "render", "report", "bench");
        for (String name : cmd.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandRun run = CommandRun.of(name, "--help");
            assertThat(run.exitCode()).as(name + " --help: " + run.err()).isZero();
            assertThat(run.out()).as(name).startsWith("Usage: kubetune " + name).contains("Exit codes:");
        }
    }

    @Test
    void anUnknownOptionIsOneLineAndBadInput() {
        CommandRun run = CommandRun.of("infer", "--no-such-flag");
        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.err()).startsWith("kubetune: Unknown option: '--no-such-flag'");
    }
}
