package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The spill's JSON form of a row: rows spilled by an older version (fewer columns) still replay. */
class LogRowsTest {
    /** A row as the version before API keys and cut texts spilled it: none of the columns added since. */
    static final String OLD_LINE = """
            {"id":"01a2c0de-0000-7000-8000-000000000001","created_at":"2026-12-01T10:00:00.123456Z",\
            "deployment_key":"support","version_number":1,"variant_key":"english","evaluation":"Default Matched",\
            "provider":"simulator","model":"echo","status":"success","http_status":200,"latency_micros":1500,\
            "prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"source":"API","context":{"language":"en"},\
            "attempts":[],"answer":"hello","finish_reason":"stop","ttft_micros":900}""";

    private static int column(String name) {
        for (int i = 0; i < LogRows.COLUMNS.size(); i++) if (LogRows.COLUMNS.get(i).name().equals(name)) return i;
        throw new AssertionError("no column " + name);
    }

    @Test
    void a_row_spilled_before_keys_and_cuts_were_recorded_reads_with_those_columns_null_and_replays() throws Exception {
        Object[] row = LogRows.read(LogRows.READER.readTree(OLD_LINE));
        assertThat(row).hasSize(LogRows.COLUMNS.size());
        assertThat(row[column("api_key_id")]).isNull();
        assertThat(row[column("truncated")]).isNull();
        assertThat(row[column("answer")]).isEqualTo("hello");

        TestDatabase db = TestDatabase.fresh();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(LogRows.insertSql(1))) {
            LogRows.bind(ps, 1, row);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        var stored = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(UUID.fromString("01a2c0de-0000-7000-8000-000000000001"))).fetchOne();
        assertThat(stored.getAnswer()).isEqualTo("hello");
        assertThat(stored.getApiKeyId()).isNull();
        assertThat(stored.getTruncated()).isNull();
    }

    @Test
    void a_row_with_its_key_and_cuts_survives_the_spill_form() throws Exception {
        UUID key = UUID.randomUUID();
        Object[] row = LogRows.of(LogRowBoundsTest.entry("q", LogRowBoundsTest.megabyte("a"), java.util.Map.of(), key,
                LogRowBoundsTest.MAX));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = LogRows.READER.getFactory().createGenerator(out)) {
            LogRows.write(g, row);
        }
        Object[] back = LogRows.read(LogRows.READER.readTree(out.toString()));
        assertThat(back[column("api_key_id")]).isEqualTo(key);
        assertThat(LogRows.READER.readTree((String) back[column("truncated")]))
                .isEqualTo(LogRows.READER.readTree((String) row[column("truncated")]));
        assertThat(back[column("answer")]).isEqualTo(row[column("answer")]);
    }
}
