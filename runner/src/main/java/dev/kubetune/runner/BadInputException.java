package dev.kubetune.runner;

import dev.kubetune.api.contract.ExitCodes;

/**
 * Input that cannot work however often it is retried: a missing file, a malformed line, an unknown
 * field, a model folder without weights. The message is the one line the user sees, so it names the
 * file (and line) or field at fault; the command exits with {@link ExitCodes#BAD_INPUT}.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** The message's first line: a library's message (Jackson's "at [Source: …]") may add more, which the user does not need. */
    private static String oneLine(String message) {
        return message == null ? null : message.strip().lines().findFirst().orElse("");
    }
}
