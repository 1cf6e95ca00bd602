package dev.junction.bench;

/** What a rule consequence calls on the fact: the first matching row (activation group + salience). */
public interface Chooser {
    void choose(int row);

    int chosenRow();
}
