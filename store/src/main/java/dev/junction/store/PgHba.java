package dev.junction.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded server's {@code pg_hba.conf}: every connection, local socket and TCP alike, proves the password
 * (SCRAM); no {@code trust} line anywhere. New data directories get this from initdb; {@link #writePasswordOnly}
 * writes the same rules over the {@code trust} file of a data directory made by an earlier version.
 */
final class PgHba {
    static final String FILE = "pg_hba.conf";
    static final String CONTENT = """
            # Written by Junction: every connection proves the password in ../db-password (SCRAM); nothing is trusted.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256""";

    private PgHba() {}

    /** True when a rule of {@code pgDir}'s pg_hba.conf lets a connection in without a password. */
    static boolean trustsAnyone(Path pgDir) throws IOException {
        for (String line : Files.readAllLines(pgDir.resolve(FILE))) {
            String rule = line.replaceFirst("#.*", "").trim();
            if (rule.isEmpty()) continue;
            for (String field : rule.split("\\s+")) {
                if (field.equals("trust") || field.equals("peer") || field.equals("ident")) return true;
            }
        }
        return false;
    }

    static void writePasswordOnly(Path pgDir) throws IOException {
        PrivateFile.write(pgDir.resolve(FILE), CONTENT);
    }
}
