package dev.kubetune.runner.torch;

/**
 * A DJL call was about to receive an array DJL 0.32 cannot name (bfloat16 reads back as UNKNOWN), or to
 * be asked for one; DJL would have ended the process with a native abort. A programming error: the
 * call belongs in {@link Kernels} or needs a float32 / float16 operand.
 */
public final class UnsupportedDtypeException extends IllegalStateException {

    public UnsupportedDtypeException(String message) {
        super(message);
    }
}
