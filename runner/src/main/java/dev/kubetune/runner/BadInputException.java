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

    /** The message on one line: line breaks inside it (a library's message, a row's text) written as {@code \n}. */
    private static String oneLine(String message) {
        return message == null ? null : message.strip().replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }
}
