package dev.kubetune.runner.data;

import dev.kubetune.runner.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Text files as users hand them over: UTF-8, with or without a byte-order mark (Excel writes one), and,
 * when a file is not UTF-8 (a binary file, Latin-1 text), a message that names the line with the first
 * bad byte instead of Java's {@code Input length = 1}.
 */
public final class Utf8Text {

    private static final int BOM = '\uFEFF';

    private Utf8Text() {
    }

    /** A reader of {@code file} that fails on bytes that are not UTF-8 and skips a leading byte-order mark. */
    public static BufferedReader open(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file), decoder));
        int first = reader.read();
        if (first != BOM && first != -1) {
            reader.unread(first);
        }
        return new BufferedReader(reader);
    }

    /** The whole file as text (a leading byte-order mark dropped); bad input naming the file and line when it cannot be. */
    public static String read(Path file) {
        try (Reader reader = open(file)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** The bad input that a read failure of {@code file} is: not UTF-8 (with the line), missing, or unreadable. */
    public static BadInputException failure(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new BadInputException(file + ":" + describeBadByte(file) + ": not UTF-8 text (save the file as UTF-8)", e);
        }
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": no such file", e);
        }
        return new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }

    /** "LINE (byte 0xFF)" of the first byte that is not UTF-8; line breaks never occur inside a UTF-8 sequence. */
    static String describeBadByte(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                end = n < 0;
                in.position(in.position() + Math.max(n, 0)).flip();
                int start = in.position();
                CoderResult result = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    line += in.get(i) == '\n' ? 1 : 0;
                }
                if (result.isError()) {
                    return line + " (byte 0x" + String.format("%02X", in.get(in.position()) & 0xff) + ")";
                }
                out.clear();
                in.compact();
            }
        } catch (IOException e) {
            return "?";
        }
        return line + " (incomplete character at the end)";
    }
}
