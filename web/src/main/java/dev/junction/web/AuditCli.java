package dev.junction.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.audit.Audit;
import dev.junction.engine.audit.AuditVerification;
import dev.junction.store.Database;
import dev.junction.store.JooqAuditStore;
import dev.junction.store.RunningGateway;
import dev.junction.store.StartupFailure;
import dev.junction.web.http.AuditRoutes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code junction audit verify [--from-checkpoint SEQ:HASH] [--json] [--data-dir PATH] [--database-url URL]}: walks the
 * audit trail's hash chain from seq 1 on the database {@code serve} uses (the same flags and environment: an external
 * URL, else the embedded PostgreSQL of the data directory, reached through the running gateway when one runs there).
 * With a checkpoint (a head printed by an earlier run) it also checks that row is still there with that hash. Exit 0
 * when the chain holds, 1 when it is broken (the first broken seq and why), 2 for a wrong command line or no database.
 */
final class AuditCli {
    static final String USAGE = "usage: junction audit verify [--from-checkpoint SEQ:HASH] [--json] [--data-dir PATH] [--database-url URL]";

    private AuditCli() {}

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.getFirst().equals("verify")) {
            err.println(USAGE);
            return 2;
        }
        AuditVerification.Checkpoint checkpoint = null;
        boolean json = false;
        String dataDir = env.getOrDefault("JUNCTION_DATA_DIR", "data");
        String url = blankToNull(env.get("JUNCTION_DATABASE_URL"));
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (!List.of("--from-checkpoint", "--data-dir", "--database-url").contains(a) || i + 1 >= args.size()) {
                err.println(USAGE);
                return 2;
            }
            String value = args.get(++i);
            switch (a) {
                case "--from-checkpoint" -> {
                    try {
                        checkpoint = AuditVerification.Checkpoint.parse(value);
                    } catch (IllegalArgumentException e) {
                        err.println("junction: --from-checkpoint: " + e.getMessage());
                        return 2;
                    }
                }
                case "--data-dir" -> dataDir = value;
                default -> url = value;
            }
        }
        AuditVerification v;
        try {
            v = verify(url, Path.of(dataDir).toAbsolutePath().normalize(), checkpoint);
        } catch (StartupFailure | SQLException | org.jooq.exception.DataAccessException e) {
            err.println("junction: cannot read the audit trail: " + e.getMessage());
            return 2;
        }
        if (json) {
            try {
                out.println(new ObjectMapper().writeValueAsString(AuditRoutes.verification(v)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (v.ok()) {
            out.println("audit chain ok: " + v.checked() + " entries checked"
                    + (checkpoint == null ? "" : ", checkpoint " + checkpoint.seq() + " matches")
                    + (v.head() == null ? "" : "; head (keep it as the next checkpoint): " + v.head()));
        } else {
            out.println("audit chain BROKEN at seq " + v.firstBroken().seq() + ": " + v.firstBroken().reason()
                    + " (" + v.checked() + " entries read)");
        }
        return v.ok() ? 0 : 1;
    }

    private static AuditVerification verify(String url, Path dataDir, AuditVerification.Checkpoint checkpoint) throws SQLException {
        if (url == null) {
            Optional<String> running = RunningGateway.embeddedUrl(dataDir);
            if (running.isEmpty()) { // no gateway on it: start its embedded server for the walk
                try (Database db = Database.embedded(dataDir)) {
                    return new Audit(new JooqAuditStore(db.dsl()), Clock.systemUTC()).verify(checkpoint);
                }
            }
            url = running.get();
        }
        // no migration, no pool: one read-only connection
        try (Connection c = DriverManager.getConnection(url)) {
            c.setReadOnly(true);
            return new Audit(new JooqAuditStore(DSL.using(c, SQLDialect.POSTGRES)), Clock.systemUTC()).verify(checkpoint);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
