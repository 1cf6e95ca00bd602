package dev.junction.rules;

import dev.junction.engine.routing.UserRegex;
import java.util.List;
import java.util.Map;

/**
 * What every routing fact class holds: one slot per context field the table reads, with the value already read as the
 * field's type ({@link dev.junction.engine.routing.ContextValues}), a bit per slot saying whether the context had a
 * value at all, and the row chosen by the rule that fired (a slot is null when the context's value does not read as
 * the field's type). {@link SlotConstraint}s read the slots directly. The typed getters DRL uses live in the generated subclasses,
 * all named {@code RouteFact}, one per size ({@link #SIZES}), each extending the next smaller; {@link #sizeFor} picks
 * the smallest that fits.
 * <p>No public getters here: Drools would analyse them as properties of every fact class.
 */
public abstract class SlotFact {
    /** Context fields a table can read: {@code SpecValidator.MAX_CONTEXT_FIELDS}. */
    public static final int SLOTS = 64;
    /** The generated fact classes, smallest first; the last has {@link #SLOTS}. */
    private static final List<Size> SIZE_LIST = List.of(
            new Size(dev.junction.rules.fact8.RouteFact.SIZE, dev.junction.rules.fact8.RouteFact.class,
                    dev.junction.rules.fact8.RouteFact::new),
            new Size(dev.junction.rules.fact16.RouteFact.SIZE, dev.junction.rules.fact16.RouteFact.class,
                    dev.junction.rules.fact16.RouteFact::new),
            new Size(dev.junction.rules.fact32.RouteFact.SIZE, dev.junction.rules.fact32.RouteFact.class,
                    dev.junction.rules.fact32.RouteFact::new),
            new Size(RouteFact.SIZE, RouteFact.class, RouteFact::new));
    /** Their slot counts. */
    static final int[] SIZES = SIZE_LIST.stream().mapToInt(Size::slots).toArray();

    protected final Object[] v;
    protected final long present;
    private int chosenRow = -1;
    /** The table's {@code matches} patterns, compiled with the version ({@link DroolsRouter} sets them). */
    Map<String, UserRegex> regexes = Map.of();

    protected SlotFact(Object[] values, long present) {
        this.v = values;
        this.present = present;
    }

    /** Makes a fact of one size. */
    interface Maker {
        SlotFact make(Object[] values, long present);
    }

    /** One generated fact class: its slots, the class DRL imports, and how to make one. */
    record Size(int slots, Class<? extends SlotFact> type, Maker maker) {
        /** A fact over {@code values}, one per slot of this size. */
        SlotFact create(Object[] values, long present) {
            return maker.make(values, present);
        }
    }

    /** The smallest size with a slot for each of {@code fields} context fields. */
    static Size sizeFor(int fields) {
        for (Size size : SIZE_LIST) if (fields <= size.slots()) return size;
        throw new IllegalArgumentException(fields + " fields: at most " + SLOTS);
    }

    /**
     * {@code regex(s3, "g[a-z]+d")} in DRL: whether the whole value matches the pattern, run by RE2/J in linear time
     * (never Drools' {@code matches}, which is java.util.regex). The pattern was compiled with the version; one
     * RE2/J refused never matches. Only evaluated when Drools keeps its own evaluator for a constraint: the
     * {@link SlotConstraint} of the constraint holds the same compiled pattern.
     */
    public boolean regex(String value, String pattern) {
        if (value == null) return false;
        UserRegex compiled = regexes.get(pattern);
        return compiled != null && compiled.matches(value); // the map holds every pattern of the table (DrlGenerator)
    }

    /** Called by the consequence of the first matching row (activation group + salience make it the first). */
    public void choose(int row) {
        chosenRow = row;
    }

    int chosenRow() {
        return chosenRow;
    }
}
