package dev.junction.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log table as {@link BatchingLogWriter}'s writer thread sees it: a connection of its own, opened when
 * first needed and dropped after any failure, and rows written in by COPY or INSERT. Used by that one thread only.
 */
final class LogTable implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTable.class);

    private final BatchingLogWriter.ConnectionSource database;
    private final AtomicLong rejected;
    /** The COPY buffers, reused batch after batch. */
    private final LogRows.CopyText copyText = new LogRows.CopyText();
    private Connection connection;

    /** @param rejected counts the rows the database refuses for their data (each also logged with its id) */
    LogTable(BatchingLogWriter.ConnectionSource database, AtomicLong rejected) {
        this.database = database;
        this.rejected = rejected;
    }

    /**
     * Writes the rows and returns how many are new: a batch's first try with COPY (the fastest way in), a retry or a
     * replay with INSERT ... ON CONFLICT DO NOTHING (a row that is there already is skipped). When the database
     * refuses the rows for their data (or COPY meets a row that is there already), one by one, leaving out the
     * faulty. Any other failure is thrown, and the connection is dropped.
     */
    int write(List<Object[]> batch, boolean firstTry) throws SQLException {
        try {
            try {
                return firstTry ? copy(batch) : insert(batch);
            } catch (SQLException e) {
                if (!isDataError(e)) throw e;
                return firstTry ? write(batch, false) : insertOneByOne(batch);
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private int copy(List<Object[]> rows) throws SQLException {
        CopyIn copy = connection().unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(LogRows.copySql());
        try {
            copyText.write(rows, copy);
            return (int) copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    private int insert(List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement(LogRows.insertSql(rows.size()))) {
            int index = 1;
            for (Object[] row : rows) index = LogRows.bind(ps, index, row);
            return ps.executeUpdate();
        }
    }

    private int insertOneByOne(List<Object[]> rows) throws SQLException {
        int n = 0;
        for (Object[] row : rows) {
            try {
                n += insert(List.<Object[]>of(row));
            } catch (SQLException e) {
                if (!isDataError(e)) throw e;
                rejected.incrementAndGet();
                LOG.error("request log {} refused by the database and not kept: {}", LogRows.id(row), e.getMessage());
            }
        }
        return n;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = database.open();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /** Drops the connection (the next write opens another). */
    @Override
    public void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // gone already
        }
        connection = null;
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity): the rows are at fault, not the server. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
