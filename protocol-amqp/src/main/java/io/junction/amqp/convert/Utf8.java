package io.junction.amqp.convert;

import java.nio.ByteBuffer;

/** Checks that bytes are well-formed UTF-8 [RFC 3629]: no overlong forms, surrogates or code points past U+10FFFF. */
final class Utf8 {
    private Utf8() {
    }

    /** Whether the bytes from the buffer's position to its limit are UTF-8; the buffer is not moved. */
    static boolean isValid(ByteBuffer bytes) {
        int i = bytes.position();
        int end = bytes.limit();
        while (i < end) {
            int b = bytes.get(i);
            if (b >= 0) {
                i++;
                continue;
            }
            int n;
            int min;
            if ((b & 0xe0) == 0xc0) {
                n = 1;
                min = 0x80;
            } else if ((b & 0xf0) == 0xe0) {
                n = 2;
                min = 0x800;
            } else if ((b & 0xf8) == 0xf0) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= end) {
                return false;
            }
            int cp = b & (0x3f >> n);
            for (int k = 1; k <= n; k++) {
                int c = bytes.get(i + k);
                if ((c & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }
}
