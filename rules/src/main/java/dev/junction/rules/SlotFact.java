package dev.junction.rules;

/**
 * What every routing fact class holds: one slot per context field the table reads, with the value already read as the
 * field's type ({@link dev.junction.engine.routing.ContextValues}), a bit per slot saying whether the context had a
 * value at all, and the row chosen by the rule that fired. The typed getters DRL uses live in the generated subclasses,
 * all named {@code RouteFact}, one per size ({@link #SIZES}); {@link #create} makes the smallest that fits.
 * <p>No public getters here: Drools would analyse them as properties of every fact class.
 */
public abstract class SlotFact {
    /** Context fields a table can read: {@code SpecValidator.MAX_CONTEXT_FIELDS}. */
    public static final int SLOTS = 64;
    /** The sizes of the generated fact classes, smallest first; the last is {@link #SLOTS}. */
    static final int[] SIZES = {8, 16, 32, 64};

    protected final Object[] v;
    protected final long present;
    private int chosenRow = -1;

    protected SlotFact(Object[] values, long present) {
        this.v = values;
        this.present = present;
    }

    /** The slots of the class {@link #classFor} gives for {@code fields} fields. */
    static int sizeFor(int fields) {
        for (int size : SIZES) if (fields <= size) return size;
        throw new IllegalArgumentException(fields + " fields: at most " + SLOTS);
    }

    /** The class for a table reading {@code fields} context fields: the smallest size that has a slot for each. */
    static Class<? extends SlotFact> classFor(int fields) {
        if (fields <= 8) return dev.junction.rules.fact8.RouteFact.class;
        if (fields <= 16) return dev.junction.rules.fact16.RouteFact.class;
        if (fields <= 32) return dev.junction.rules.fact32.RouteFact.class;
        if (fields <= SLOTS) return RouteFact.class;
        throw new IllegalArgumentException(fields + " fields: at most " + SLOTS);
    }

    /** A fact of {@code type} ({@link #classFor}) over {@code values}, one per slot of that class or fewer. */
    static SlotFact create(Class<? extends SlotFact> type, Object[] values, long present) {
        if (type == dev.junction.rules.fact8.RouteFact.class) return new dev.junction.rules.fact8.RouteFact(values, present);
        if (type == dev.junction.rules.fact16.RouteFact.class) return new dev.junction.rules.fact16.RouteFact(values, present);
        if (type == dev.junction.rules.fact32.RouteFact.class) return new dev.junction.rules.fact32.RouteFact(values, present);
        return new RouteFact(values, present);
    }

    /** Called by the consequence of the first matching row (activation group + salience make it the first). */
    public void choose(int row) {
        chosenRow = row;
    }

    int chosenRow() {
        return chosenRow;
    }
}
