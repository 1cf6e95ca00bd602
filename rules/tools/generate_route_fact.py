#!/usr/bin/env python3
"""Writes rules/src/main/java/dev/junction/rules/RouteFact.java: one typed getter per slot and type.

Run from the repository root after changing SLOTS (keep SpecValidator.MAX_CONTEXT_FIELDS equal to it):
    python3 rules/tools/generate_route_fact.py
RouteFactTest checks the class has every getter for every slot.
"""
import pathlib

SLOTS = 64
HEAD = '''package dev.junction.rules;

import java.util.Set;

/**
 * The fact a routing KieBase reasons over: one slot per context field the table reads, holding the value already
 * read as the field's type ({@link dev.junction.engine.routing.ContextValues}), and a bit saying whether the context
 * had a value at all. Generated DRL refers to a slot by a typed getter ({@code s3} a string, {@code n3} a number,
 * {@code b3} a boolean, {@code l3} a list, {@code d3} a date as epoch milliseconds, {@code p3} presence), so field names
 * never appear in DRL and Drools can share and hash its alpha nodes on literals. Not thread-safe: one per evaluation.
 * <p>The getters below are written by {@code rules/tools/generate_route_fact.py}, not by hand ({@code RouteFactTest} checks all {@value #SLOTS}
 * slots have every getter).
 */
public final class RouteFact {
    /** Context fields a table can read: {@code SpecValidator.MAX_CONTEXT_FIELDS}. */
    public static final int SLOTS = %d;

    private final Object[] v;
    private final long present;
    private int chosenRow = -1;

    RouteFact(Object[] values, long present) {
        this.v = values;
        this.present = present;
    }

    /** Called by the consequence of the first matching row (activation group + salience make it the first). */
    public void choose(int row) {
        chosenRow = row;
    }

    int chosenRow() {
        return chosenRow;
    }
'''

parts = [HEAD % SLOTS]
for i in range(SLOTS):
    parts.append(f'''
    public String getS{i}() {{ return v[{i}] instanceof String x ? x : null; }}
    public Double getN{i}() {{ return v[{i}] instanceof Double x ? x : null; }}
    public Boolean getB{i}() {{ return v[{i}] instanceof Boolean x ? x : null; }}
    @SuppressWarnings("unchecked")
    public Set<String> getL{i}() {{ return v[{i}] instanceof Set<?> x ? (Set<String>) x : null; }}
    public Long getD{i}() {{ return v[{i}] instanceof Long x ? x : null; }}
    public boolean isP{i}() {{ return (present & (1L << {i})) != 0; }}''')
parts.append('}\n')
pathlib.Path('rules/src/main/java/dev/junction/rules/RouteFact.java').write_text(''.join(parts))
