package dev.seedforge.contracts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file a person wrote (a spec, a seed or reference file) as UTF-8. Editors on Windows often start such a file
 * with a byte-order mark, which is dropped; a file in another encoding is refused saying so and where, not with a
 * decoder's "Input length = 1".
 */
public final class TextFiles {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextFiles() {
    }

    public static String read(Path file, String field) throws IOException {
        return read(file, file.getFileName().toString(), field);
    }

    /** {@code name} is what the user calls the file (an upload's own name rather than where the server put it). */
    public static String read(Path file, String name, String field) throws IOException {
        return decode(Files.readAllBytes(file), name, field);
    }

    static String decode(byte[] bytes, String name, String field) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new InvalidJobSpecException(field, name + " is UTF-16 text; save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidJobSpecException(field, name + " is not UTF-8 text (byte " + in.position() + " of "
                    + bytes.length + "); save it as UTF-8");
        }
        String text = out.flip().toString();
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
