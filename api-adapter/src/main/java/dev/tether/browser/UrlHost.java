package dev.tether.browser;

import java.math.BigInteger;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The WHATWG URL Standard's host parser for special URLs (§3.5): IPv6 in brackets, IPv4 in
 * any of its number forms ({@code 0x7f.1}, {@code 2130706433}, ...), and domains, each returned
 * in its serialised form. A host that cannot be parsed is an {@link IllegalArgumentException}
 * naming the rule it breaks.
 *
 * <p>Domain to ASCII uses {@link IDN#toASCII} for non-ASCII domains, an IDNA 2003 approximation
 * of UTS #46 (see the module's README); ASCII domains are just lower-cased.
 */
final class UrlHost {
    private UrlHost() {
    }

    /** The serialised host for {@code input}, the text between the authority's {@code @} and port. */
    static String parse(String input) {
        if (input.startsWith("[")) {
            if (!input.endsWith("]")) {
                throw new IllegalArgumentException("IPv6 address without its closing ]: " + input);
            }
            return "[" + serialiseIpv6(parseIpv6(input.substring(1, input.length() - 1))) + "]";
        }
        String domain = new String(PercentEncoding.decode(input), StandardCharsets.UTF_8);
        String ascii = domainToAscii(domain);
        for (int i = 0; i < ascii.length(); i++) {
            if (isForbiddenDomainCodePoint(ascii.charAt(i))) {
                throw new IllegalArgumentException("forbidden character "
                        + describe(ascii.charAt(i)) + " in host " + input);
            }
        }
        if (endsInANumber(ascii)) {
            return serialiseIpv4(parseIpv4(ascii));
        }
        return ascii;
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static String domainToAscii(String domain) {
        String result;
        if (isAscii(domain)) {
            result = domain.toLowerCase(Locale.ROOT);
        } else {
            try {
                result = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("domain to ASCII failed for " + domain + ": " + e.getMessage(), e);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        return result;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Forbidden host code points, C0 controls, {@code %} and DEL. */
    private static boolean isForbiddenDomainCodePoint(char c) {
        if (c <= 0x20 || c == 0x7F || c == '%') {
            return true;
        }
        return "#/:<>?@[\\]^|".indexOf(c) >= 0;
    }

    // ---- IPv4 ----

    static boolean endsInANumber(String input) {
        List<String> parts = split(input);
        if (parts.get(parts.size() - 1).isEmpty()) {
            if (parts.size() == 1) {
                return false;
            }
            parts.remove(parts.size() - 1);
        }
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return ipv4Number(last) != null;
    }

    /** The address as an unsigned 32-bit number. */
    static long parseIpv4(String input) {
        List<String> parts = split(input);
        if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) {
            parts.remove(parts.size() - 1);
        }
        if (parts.size() > 4) {
            throw new IllegalArgumentException("IPv4 address with more than four parts: " + input);
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            BigInteger n = ipv4Number(part);
            if (n == null) {
                throw new IllegalArgumentException("IPv4 address with a part that is not a number: " + input);
            }
            numbers.add(n);
        }
        BigInteger limit = BigInteger.valueOf(255);
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(limit) > 0) {
                throw new IllegalArgumentException("IPv4 address part over 255: " + input);
            }
        }
        BigInteger last = numbers.get(numbers.size() - 1);
        if (last.compareTo(BigInteger.valueOf(256).pow(5 - numbers.size())) >= 0) {
            throw new IllegalArgumentException("IPv4 address out of range: " + input);
        }
        long address = last.longValue();
        for (int i = 0; i < numbers.size() - 1; i++) {
            address += numbers.get(i).longValue() << (8 * (3 - i));
        }
        return address;
    }

    /** An IPv4 number: decimal, octal with a leading 0, hex after 0x; null if it is none. */
    private static BigInteger ipv4Number(String input) {
        if (input.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = input;
        if (digits.length() >= 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() >= 2 && digits.charAt(0) == '0') {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7F) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    private static List<String> split(String input) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length(); i++) {
            if (i == input.length() || input.charAt(i) == '.') {
                parts.add(input.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    static String serialiseIpv4(long address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "."
                + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    // ---- IPv6 ----

    /** The eight 16-bit pieces of an IPv6 address, without its brackets. */
    static int[] parseIpv6(String input) {
        int[] address = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int p = 0;
        int n = input.length();
        if (p < n && input.charAt(p) == ':') {
            if (p + 1 >= n || input.charAt(p + 1) != ':') {
                throw ipv6Error(input, "starts with a single colon");
            }
            p += 2;
            pieceIndex++;
            compress = pieceIndex;
        }
        while (p < n) {
            if (pieceIndex == 8) {
                throw ipv6Error(input, "has too many pieces");
            }
            if (input.charAt(p) == ':') {
                if (compress != -1) {
                    throw ipv6Error(input, "has more than one ::");
                }
                p++;
                pieceIndex++;
                compress = pieceIndex;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && p < n && Character.digit(input.charAt(p), 16) >= 0 && input.charAt(p) < 0x80) {
                value = value * 16 + Character.digit(input.charAt(p), 16);
                p++;
                length++;
            }
            if (p < n && input.charAt(p) == '.') {
                if (length == 0) {
                    throw ipv6Error(input, "has an IPv4 part that starts with a dot");
                }
                p -= length;
                if (pieceIndex > 6) {
                    throw ipv6Error(input, "has no room for its IPv4 part");
                }
                pieceIndex = embeddedIpv4(input, p, address, pieceIndex);
                p = n;
                break;
            } else if (p < n && input.charAt(p) == ':') {
                p++;
                if (p >= n) {
                    throw ipv6Error(input, "ends with a single colon");
                }
            } else if (p < n) {
                throw ipv6Error(input, "has an invalid character");
            }
            address[pieceIndex] = value;
            pieceIndex++;
        }
        if (compress != -1) {
            int swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0) {
                int other = compress + swaps - 1;
                int t = address[pieceIndex];
                address[pieceIndex] = address[other];
                address[other] = t;
                pieceIndex--;
                swaps--;
            }
        } else if (pieceIndex != 8) {
            throw ipv6Error(input, "has too few pieces");
        }
        return address;
    }

    /** Parses the dotted IPv4 tail of an IPv6 address into two pieces; returns the next piece index. */
    private static int embeddedIpv4(String input, int p, int[] address, int pieceIndex) {
        int n = input.length();
        int numbersSeen = 0;
        while (p < n) {
            int piece = -1;
            if (numbersSeen > 0) {
                if (input.charAt(p) == '.' && numbersSeen < 4) {
                    p++;
                } else {
                    throw ipv6Error(input, "has an invalid IPv4 part");
                }
            }
            if (p >= n || input.charAt(p) < '0' || input.charAt(p) > '9') {
                throw ipv6Error(input, "has an IPv4 part that is not a number");
            }
            while (p < n && input.charAt(p) >= '0' && input.charAt(p) <= '9') {
                int digit = input.charAt(p) - '0';
                if (piece == -1) {
                    piece = digit;
                } else if (piece == 0) {
                    throw ipv6Error(input, "has an IPv4 number with a leading zero");
                } else {
                    piece = piece * 10 + digit;
                }
                if (piece > 255) {
                    throw ipv6Error(input, "has an IPv4 number over 255");
                }
                p++;
            }
            address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
            numbersSeen++;
            if (numbersSeen == 2 || numbersSeen == 4) {
                pieceIndex++;
            }
        }
        if (numbersSeen != 4) {
            throw ipv6Error(input, "has an IPv4 part with too few numbers");
        }
        return pieceIndex;
    }

    private static IllegalArgumentException ipv6Error(String input, String problem) {
        return new IllegalArgumentException("IPv6 address " + problem + ": [" + input + "]");
    }

    /** Lower-case hex pieces, the first longest run of two or more zero pieces as {@code ::}. */
    static String serialiseIpv6(int[] address) {
        int compress = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (address[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && address[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestLength = j - i;
                compress = i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        boolean ignoreZero = false;
        for (int i = 0; i < 8; i++) {
            if (ignoreZero && address[i] == 0) {
                continue;
            }
            ignoreZero = false;
            if (compress == i) {
                out.append(i == 0 ? "::" : ":");
                ignoreZero = true;
                continue;
            }
            out.append(Integer.toHexString(address[i]));
            if (i != 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
