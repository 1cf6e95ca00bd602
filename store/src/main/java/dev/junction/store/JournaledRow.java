package dev.junction.store;

/**
 * A request log row on its way to the database in memory: its journal segment (null when the journal was at its
 * bound and the row is in memory only) and the bytes it holds of the memory budget.
 */
record JournaledRow(Object[] row, SpillSegment segment, int bytes) {}
