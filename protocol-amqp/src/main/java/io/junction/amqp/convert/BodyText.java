package io.junction.amqp.convert;

import java.lang.reflect.Array;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Decimal128;
import org.apache.qpid.proton.amqp.Decimal32;
import org.apache.qpid.proton.amqp.Decimal64;
import org.apache.qpid.proton.amqp.DescribedType;

/**
 * The text other protocols receive for an AMQP body that is neither data nor a string: a scalar in its usual
 * notation (a timestamp in epoch milliseconds), a list, array, sequence or map as JSON (binary as a base64 string,
 * a described value as its value, a decimal as nothing). Best effort: the AMQP consumer still receives the body
 * section for section.
 */
final class BodyText {
    private BodyText() {
    }

    /** Whether the value is rendered as JSON: a list, map, array or described value. */
    static boolean isComposite(Object value) {
        return value instanceof List<?> || value instanceof Map<?, ?> || value instanceof DescribedType
                || (value != null && value.getClass().isArray());
    }

    /** A scalar as text, a composite as JSON. */
    static String of(Object value) {
        if (isComposite(value)) {
            StringBuilder json = new StringBuilder(64);
            json(json, value);
            return json.toString();
        }
        return scalar(value);
    }

    /** The elements of one or more amqp-sequence sections as one JSON array. */
    static String ofSequences(List<List<?>> sequences) {
        StringBuilder json = new StringBuilder(64).append('[');
        boolean first = true;
        for (List<?> sequence : sequences) {
            for (Object element : sequence) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                json(json, element);
            }
        }
        return json.append(']').toString();
    }

    private static String scalar(Object value) {
        if (value == null || isDecimal(value)) {
            return "";
        }
        if (value instanceof Date date) {
            return Long.toString(date.getTime());
        }
        if (value instanceof Binary binary) {
            return Base64.getEncoder().encodeToString(AmqpSections.bytes(binary));
        }
        return value.toString();
    }

    private static void json(StringBuilder out, Object value) {
        if (value == null || isDecimal(value)) {
            out.append("null");
        } else if (value instanceof Boolean || isJsonNumber(value)) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, scalar(e.getKey()));
                out.append(':');
                json(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(out, list.get(i));
            }
            out.append(']');
        } else if (value.getClass().isArray()) {
            out.append('[');
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(out, Array.get(value, i));
            }
            out.append(']');
        } else if (value instanceof DescribedType described) {
            json(out, described.getDescribed());
        } else {
            string(out, scalar(value));
        }
    }

    /** A number JSON can write as one: not NaN, not infinite (those go as strings). */
    private static boolean isJsonNumber(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        return value instanceof Number;
    }

    /** proton-j's decimals have no readable form; they render as nothing. */
    private static boolean isDecimal(Object value) {
        return value instanceof Decimal32 || value instanceof Decimal64 || value instanceof Decimal128;
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
