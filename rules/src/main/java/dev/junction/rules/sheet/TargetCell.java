package dev.junction.rules.sheet;

import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.SplitShare;
import java.util.ArrayList;
import java.util.List;

/**
 * The variant cell of a row: one variant key ({@code "premium"}), or a percentage split sticky on a context field,
 * {@code "a:50, b:50 by user_id"}: shares {@code variant:percent} separated by commas, then {@code by} and the field
 * (everything after the first {@code " by "}, as it is). Variant keys hold no {@code :}, so a colon means a split.
 */
final class TargetCell {
    /** A non-split row's variant, or a split row's shares and sticky field. */
    record Target(String variant, List<SplitShare> split, String stickyOn) {}

    private TargetCell() {}

    static String write(RoutingRule rule) {
        if (!rule.isSplit()) return rule.variant() == null ? "" : SheetText.quote(rule.variant());
        StringBuilder b = new StringBuilder();
        for (SplitShare share : rule.split()) {
            if (!b.isEmpty()) b.append(", ");
            b.append(share == null ? "" : share.variant() + ":" + share.percent());
        }
        if (rule.stickyOn() != null) b.append(" by ").append(rule.stickyOn());
        return SheetText.quote(b.toString());
    }

    /** @throws IllegalArgumentException naming what cannot be read */
    static Target read(String cell) {
        String text = cell.stripLeading().startsWith("\"") ? SheetText.readText(cell) : cell.strip();
        if (text.isEmpty()) return new Target(null, null, null);
        if (text.indexOf(':') < 0) return new Target(text, null, null);
        int by = text.indexOf(" by ");
        String shares = by < 0 ? text : text.substring(0, by);
        String sticky = by < 0 ? null : text.substring(by + 4);
        List<SplitShare> split = new ArrayList<>();
        for (String part : shares.split(",", -1)) {
            String share = part.strip();
            int colon = share.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("'" + share + "' is not variant:percent (a split reads \"a:50, b:50 by user_id\")");
            String percent = share.substring(colon + 1).strip();
            if (percent.endsWith("%")) percent = percent.substring(0, percent.length() - 1).strip();
            try {
                split.add(new SplitShare(share.substring(0, colon).strip(), Integer.parseInt(percent)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + percent + "' in '" + share + "' is not a whole percentage");
            }
        }
        return new Target(null, split, sticky);
    }
}
