package dev.junction.engine.guard.detect;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds personal data in a text, for guardrails that block or mask it. Precision comes first (a guardrail that blocks
 * on a false positive blocks a user), so every kind has a structural check and, where the id has one, its check digit.
 * What each kind accepts (the "national ids we choose and document"):
 * <ul>
 *   <li>{@code email}: {@code local@domain.tld}, a practical subset of RFC 5322: local part of letters, digits and
 *       {@code . _ % + -} (no leading, trailing or doubled dot, at most 64), two or more domain labels, a TLD of
 *       letters; a dot after the address ends the sentence.</li>
 *   <li>{@code phone}: {@code +} and 8-15 digits (E.164) with spaces, dashes, dots or parentheses; or a national
 *       number of 9-12 digits grouped as phone numbers are (area code in parentheses, trunk prefix 0, North American
 *       3-3-4, Spanish 3-3-3 from 6-9). Never unbroken national digits, dates, amounts, or digits glued into an
 *       identifier.</li>
 *   <li>{@code card}: 13-19 digits passing Luhn, in groups of 3-6 split by single spaces or single dashes, or
 *       unbroken and then starting with 2-6 (the payment-card industries; no IIN table).</li>
 *   <li>{@code iban}: a registered country code, two check digits, the country's exact length, unbroken or with a
 *       space every four characters, mod-97 == 1.</li>
 *   <li>{@code us_ssn}: {@code AAA-GG-SSSS} (or spaces), refusing area 000, 666 and 9xx, group 00, serial 0000.
 *       Nine unbroken digits are not taken as an SSN.</li>
 *   <li>{@code uk_nino}: two capital letters (not D, F, I, Q, U, V first; not D, F, I, O, Q, U, V second; not BG,
 *       GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D, single spaces allowed between the parts.</li>
 *   <li>{@code es_dni}: DNI, eight digits and the check letter (mod-23 table {@code TRWAGMYFPDXBNJZSQVHLCKE}), and
 *       NIE, X/Y/Z and seven digits and the letter; a dash or space may stand before the letter.</li>
 *   <li>{@code nl_bsn}: nine unbroken digits passing the 11-test, not within a longer digit run or an identifier.</li>
 *   <li>{@code ip_address}: IPv4 dotted quads 0-255 (no leading zeros), and IPv6 full or {@code ::}-compressed,
 *       with an optional IPv4 tail.</li>
 * </ul>
 * <p>How: one pass over the text that only stops where a candidate can start: at {@code @}, and at a word start that
 * is a digit, {@code +}, {@code (}, or an ASCII letter (IBAN, NINO, NIE, IPv6). Each candidate is read by a
 * hand-written scanner, no regex; text without findings allocates nothing but the empty list. Candidates that overlap
 * are resolved longest-first. Built once per guardrail config and shared: it holds only the kinds, so it is
 * thread-safe.
 */
public final class PiiDetector {
    /** The kinds that can start with a letter (or a colon, for IPv6), in the order they are tried. */
    private static final PiiKind[] WORD_KINDS = {PiiKind.IBAN, PiiKind.UK_NINO, PiiKind.ES_DNI, PiiKind.IP_ADDRESS};

    private final Set<PiiKind> kinds;
    private final boolean email;
    private final boolean numbers;
    private final boolean ipv6;

    private PiiDetector(Set<PiiKind> kinds) {
        this.kinds = kinds;
        this.email = kinds.contains(PiiKind.EMAIL);
        this.ipv6 = kinds.contains(PiiKind.IP_ADDRESS);
        this.numbers = kinds.contains(PiiKind.PHONE) || kinds.contains(PiiKind.CARD) || kinds.contains(PiiKind.US_SSN)
                || kinds.contains(PiiKind.ES_DNI) || kinds.contains(PiiKind.NL_BSN) || ipv6;
    }

    /** A detector for {@code kinds}; the empty set means every kind. */
    public static PiiDetector of(Set<PiiKind> kinds) {
        return new PiiDetector(kinds.isEmpty() ? EnumSet.allOf(PiiKind.class) : EnumSet.copyOf(kinds));
    }

    /** The findings in {@code text}, sorted by start and non-overlapping (where candidates overlap, the longest wins). */
    public List<Finding> find(CharSequence text) {
        List<Finding> out = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '@') {
                if (email) out = email(text, i, out);
                i++;
            } else if (Chars.wordBefore(text, i)) {
                i++;
            } else if (Chars.isDigit(c)) {
                int next = ipv6 ? ipv6(text, i) : -1;
                if (next >= 0) {
                    out = Overlaps.add(out, i, next, PiiKind.IP_ADDRESS.wireName());
                    i = next;
                } else if (numbers) {
                    int end = NumberRun.end(text, i);
                    out = NumberRun.scan(text, i, end, kinds, out);
                    i = end;
                } else {
                    i++;
                }
            } else if ((c == '+' || c == '(') && numbers) {
                int before = out == null ? 0 : out.size();
                out = NumberRun.scan(text, i, NumberRun.end(text, i), kinds, out);
                int after = out == null ? 0 : out.size();
                i = after > before ? out.get(after - 1).end() : i + 1; // else the digits are read on their own
            } else if (Chars.isAsciiLetter(c) || c == ':') {
                PiiKind kind = null;
                int end = -1;
                for (PiiKind k : WORD_KINDS) {
                    if (kinds.contains(k) && (end = wordEnd(k, text, i)) >= 0) {
                        kind = k;
                        break;
                    }
                }
                if (kind != null) {
                    out = Overlaps.add(out, i, end, kind.wireName());
                    i = end;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        return Overlaps.resolve(out);
    }

    private List<Finding> email(CharSequence text, int at, List<Finding> out) {
        int start = EmailScan.start(text, at);
        if (start < 0) return out;
        int end = EmailScan.end(text, at);
        return end < 0 ? out : Overlaps.add(out, start, end, PiiKind.EMAIL.wireName());
    }

    private int ipv6(CharSequence text, int i) {
        if (Chars.at(text, i - 1) == ':' || !Ipv6Scan.mayStart(text, i)) return -1;
        return Ipv6Scan.end(text, i);
    }

    /** At a word start with a letter or colon: the end of the {@code kind} that starts there, or -1. */
    private int wordEnd(PiiKind kind, CharSequence text, int i) {
        return switch (kind) {
            case IBAN -> Iban.end(text, i);
            case UK_NINO -> NationalIds.ninoEnd(text, i);
            case ES_DNI -> NationalIds.nieEnd(text, i);
            case IP_ADDRESS -> ipv6(text, i);
            default -> -1;
        };
    }
}
