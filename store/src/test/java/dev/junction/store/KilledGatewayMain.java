package dev.junction.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** Run in a child JVM by {@link EmbeddedDatabaseRestartTest}: opens the embedded database, commits a row, waits to be killed. */
public final class KilledGatewayMain {
    static final String READY = "READY";
    static final String TABLE = "killed_gateway_probe";
    static final String VALUE = "committed before the kill";

    private KilledGatewayMain() {}

    public static void main(String[] args) throws Exception {
        Database db = Database.embedded(Path.of(args[0]));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (v text)");
            s.execute("INSERT INTO " + TABLE + " VALUES ('" + VALUE + "')");
        }
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
