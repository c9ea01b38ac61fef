package io.mediaroutes.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.springframework.stereotype.Component;

/**
 * File names the pipeline writes (insights, error reports) from a drop's name plus a suffix. Control characters
 * become '_' (they upset terminals and scripts). File systems take at most 255 bytes per name; a longer result is
 * cut on a character boundary and marked with a short hash of the full name, so two long names that share a
 * beginning still get two files.
 */
@Component("safeNames")
public class SafeNames {

    /** Room left under 255 bytes for temp-file prefixes such as ".inprogress-". */
    static final int MAX_BYTES = 240;

    public String fit(String dropName, String suffix) {
        String name = dropName.replaceAll("\\p{Cntrl}", "_");
        String whole = name + suffix;
        if (whole.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return whole;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String tail = "~" + HexFormat.of().toHexDigits((int) crc.getValue()) + suffix;
        int budget = MAX_BYTES - tail.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder cut = new StringBuilder();
        for (int i = 0, used = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            cut.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return cut + tail;
    }
}
