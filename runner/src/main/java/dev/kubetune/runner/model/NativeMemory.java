package dev.kubetune.runner.model;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer's native memory now rather than when the garbage collector gets to it: a
 * model's load reads each tensor into a buffer of its own, and buffers waiting for collection would
 * add up to the checkpoint's size. Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported,
 * kept for this purpose); where it is unavailable the collector frees the memory as before.
 */
final class NativeMemory {

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            var field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            cleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private NativeMemory() {
    }

    /** Frees {@code direct}, which nothing may use afterwards. */
    static void free(ByteBuffer direct) {
        if (INVOKE_CLEANER == null || !direct.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, direct);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // left to the garbage collector
        }
    }
}
