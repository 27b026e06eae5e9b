package dev.kubetune.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which failures are the machine's (retryable, exit 74) and the line each one prints. */
class EnvironmentFaultTest {

    @Test
    void outOfMemoryIsAnEnvironmentFault() {
        EnvironmentFault fault = EnvironmentFault.of(new OutOfMemoryError("Java heap space")).orElseThrow();
        assertThat(fault.kind()).isEqualTo(EnvironmentFault.Kind.OUT_OF_MEMORY);
        assertThat(fault.line()).isEqualTo("out of memory (retryable): Java heap space");
    }

    @Test
    void aFullDiskIsNamedAsSuchWithTheFile() {
        EnvironmentFault fault = EnvironmentFault.writing(Path.of("/out/metrics.json"), new IOException("No space left on device"));
        assertThat(fault.line()).isEqualTo("disk full (retryable): /out/metrics.json: cannot write: No space left on device");
        assertThat(fault.kind().reason).isEqualTo("DiskFull");
    }

    @Test
    void aWrappedIoFailureKeepsTheWrappersMessage() {
        var wrapped = new UncheckedIOException("/data/x.bin: cannot read: Input/output error", new IOException("Input/output error"));
        EnvironmentFault fault = EnvironmentFault.of(new IllegalStateException(wrapped)).orElseThrow();
        assertThat(fault.kind()).isEqualTo(EnvironmentFault.Kind.IO_ERROR);
        assertThat(fault.line()).isEqualTo("I/O error (retryable): /data/x.bin: cannot read: Input/output error");
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(EnvironmentFault.of(new IllegalArgumentException("bug"))).isEmpty();
        assertThat(EnvironmentFault.of(new BadInputException("x"))).isEmpty();
    }
}
