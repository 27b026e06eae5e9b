package dev.kubetune.runner.local;

import dev.kubetune.runner.EnvironmentFault;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The lock one {@code kubetune run} holds on its state dir ({@code lock}, an OS file lock that a killed
 * process loses at once): a second run on the same state dir is told who holds it instead of running
 * everything again and clobbering the first one's logs.
 */
final class StateLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StateLock acquire(Path stateDir) {
        Path file = stateDir.resolve("lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                ByteBuffer holder = ByteBuffer.allocate(512);
                channel.read(holder, 0);
                channel.close();
                String who = new String(holder.array(), 0, holder.position(), StandardCharsets.UTF_8).strip();
                throw new LocalRun.StateDirInUse(stateDir + ": in use by another kubetune run (" + (who.isEmpty() ? "unknown" : who)
                        + "); wait for it to end, stop it, or use another --state-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on " + host() + ", started "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new StateLock(channel, lock);
        } catch (IOException e) {
            throw EnvironmentFault.writing(file, e);
        }
    }

    private static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return name.contains("@") ? name.substring(name.indexOf('@') + 1) : "this machine";
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock when the process ends
        }
    }
}
