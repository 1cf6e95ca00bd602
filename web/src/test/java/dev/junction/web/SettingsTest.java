package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaults_bind_to_loopback_on_8080_with_an_embedded_database_in_data() {
        Settings s = Settings.parse(List.of(), Map.of());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.bind()).isEqualTo("127.0.0.1");
        assertThat(s.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(s.databaseUrl()).isNull();
        assertThat(s.adminToken()).isNull();
    }

    @Test
    void the_environment_sets_what_flags_do_not_and_a_flag_wins() {
        Map<String, String> env = Map.of("JUNCTION_PORT", "9000", "JUNCTION_BIND", "0.0.0.0",
                "JUNCTION_DATABASE_URL", "jdbc:postgresql://db:5432/j", "JUNCTION_ADMIN_TOKEN", "t1-0123456789abcdefghijklmn",
                "JUNCTION_DATA_DIR", "/var/lib/junction");
        Settings s = Settings.parse(List.of("--port", "9100", "--admin-token=t2-0123456789abcdefghijklmn"), env);
        assertThat(s.port()).isEqualTo(9100);
        assertThat(s.adminToken()).isEqualTo("t2-0123456789abcdefghijklmn");
        assertThat(s.bind()).isEqualTo("0.0.0.0");
        assertThat(s.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/j");
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/junction"));
    }

    @Test
    void bad_settings_are_refused_with_a_message_that_names_them() {
        assertThatThrownBy(() -> Settings.parse(List.of("--port", "eighty"), Map.of())).hasMessageContaining("port");
        assertThatThrownBy(() -> Settings.parse(List.of("--prot", "1"), Map.of())).hasMessageContaining("--prot");
        assertThatThrownBy(() -> Settings.parse(List.of("--port"), Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_DATABASE_URL", "postgres://x")))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_DEADLINE_MS", "9300000000000000")))
                .hasMessageContaining("JUNCTION_DEADLINE_MS must be at most 86400000");
    }

    @Test
    void log_retention_the_spill_bound_and_the_memory_budget_come_from_the_environment_and_are_in_the_help() {
        assertThat(Settings.parse(List.of(), Map.of()).logs()).isEqualTo(new Settings.LogSettings(90, 1024, 64, 32));
        Settings s = Settings.parse(List.of(), Map.of("JUNCTION_LOG_RETENTION_DAYS", "0", "JUNCTION_LOG_SPILL_MAX_MB", "64",
                "JUNCTION_LOG_MEMORY_MB", "16"));
        assertThat(s.logs()).isEqualTo(new Settings.LogSettings(0, 64, 16, 32));
        assertThat(s.withPort(1).logs()).isEqualTo(s.logs());
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_LOG_RETENTION_DAYS", "-1")))
                .hasMessageContaining("JUNCTION_LOG_RETENTION_DAYS");
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_LOG_SPILL_MAX_MB", "lots")))
                .hasMessageContaining("JUNCTION_LOG_SPILL_MAX_MB");
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_LOG_MEMORY_MB", "0")))
                .hasMessageContaining("JUNCTION_LOG_MEMORY_MB must be 1 to");
        assertThat(Settings.HELP).contains("JUNCTION_LOG_RETENTION_DAYS", "JUNCTION_LOG_SPILL_MAX_MB", "JUNCTION_LOG_MEMORY_MB");
    }

    @Test
    void the_log_body_bound_comes_from_the_environment_with_32_kb_by_default_and_0_keeping_whole() {
        assertThat(Settings.parse(List.of(), Map.of()).logs().bodyMaxKb()).isEqualTo(32);
        assertThat(Settings.parse(List.of(), Map.of("JUNCTION_LOG_BODY_MAX_KB", "0")).logs().bodyMaxKb()).isZero();
        assertThat(Settings.parse(List.of(), Map.of("JUNCTION_LOG_BODY_MAX_KB", "256")).logs().bodyMaxKb()).isEqualTo(256);
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_LOG_BODY_MAX_KB", "-1")))
                .hasMessageContaining("JUNCTION_LOG_BODY_MAX_KB");
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_LOG_BODY_MAX_KB", "3000000")))
                .hasMessageContaining("JUNCTION_LOG_BODY_MAX_KB");
        assertThat(Settings.HELP).contains("JUNCTION_LOG_BODY_MAX_KB");
    }

    @Test
    void a_short_admin_token_is_refused_at_startup_naming_where_it_came_from() {
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_ADMIN_TOKEN", "x")))
                .hasMessageContaining("JUNCTION_ADMIN_TOKEN must be at least 24 characters");
        assertThatThrownBy(() -> Settings.parse(List.of("--admin-token", "a".repeat(23)), Map.of()))
                .hasMessageContaining("--admin-token must be at least 24 characters");
        assertThat(Settings.parse(List.of("--admin-token", "a".repeat(24)), Map.of()).adminToken()).hasSize(24);
    }

    @Test
    void the_body_limit_defaults_to_32_mib_and_comes_from_the_environment_and_is_in_the_help() {
        Settings d = Settings.parse(List.of(), Map.of());
        assertThat(d.http()).isEqualTo(new Settings.HttpSettings(32, 256));
        assertThat(d.http().maxBodyBytes()).isEqualTo(32L << 20);
        Settings s = Settings.parse(List.of(), Map.of("JUNCTION_MAX_BODY_MB", "100"));
        assertThat(s.http()).as("the budget holds at least one body at the limit").isEqualTo(new Settings.HttpSettings(100, 256));
        assertThat(Settings.parse(List.of(), Map.of("JUNCTION_MAX_BODY_MB", "512")).http().bodyBudgetMb()).isEqualTo(512);
        assertThat(s.withPort(1).http()).isEqualTo(s.http());
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_MAX_BODY_MB", "0"))).hasMessageContaining("JUNCTION_MAX_BODY_MB");
        assertThatThrownBy(() -> Settings.parse(List.of(), Map.of("JUNCTION_BODY_BUDGET_MB", "8")))
                .hasMessageContaining("JUNCTION_BODY_BUDGET_MB must be at least JUNCTION_MAX_BODY_MB");
        assertThat(Settings.HELP).contains("JUNCTION_MAX_BODY_MB", "JUNCTION_BODY_BUDGET_MB");
    }
}
