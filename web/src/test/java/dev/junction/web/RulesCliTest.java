package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code junction rules test FILE}: routing tests from an exported document, no server, JUnit XML out. */
class RulesCliTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return RulesCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    Path exported(String tests) throws Exception {
        Path file = dir.resolve("faq.json");
        Files.writeString(file, "{\"format\":\"junction.deployment/v1\",\"source\":\"draft\",\"spec\":"
                + SimulatorApiTest.withTests("faq", tests) + "}");
        return file;
    }

    @Test
    void passing_tests_exit_0_and_write_a_junit_report() throws Exception {
        Path file = exported("[{\"name\":\"gold <&> premium\",\"context\":{\"tier\":\"gold\"},\"expectVariant\":\"premium\"},"
                + "{\"context\":{},\"expectVariant\":\"standard\",\"expectRule\":\"default\"}]");
        Path report = dir.resolve("junit.xml");

        assertThat(run("test", file.toString(), "--report", report.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASS gold <&> premium", "2 passed, 0 failed");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(((Element) xml.getElementsByTagName("testcase").item(0)).getAttribute("name")).isEqualTo("gold <&> premium");
        assertThat(((Element) xml.getElementsByTagName("testcase").item(1)).getAttribute("name")).isEqualTo("tests[1]");
    }

    @Test
    void a_failing_test_exits_1_and_the_report_carries_the_failure() throws Exception {
        Path file = exported("[{\"name\":\"silver\",\"context\":{\"tier\":\"silver\"},\"expectVariant\":\"premium\"}]");
        Path report = dir.resolve("junit.xml");

        assertThat(run("test", file.toString(), "--report", report.toString())).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL silver: expected variant 'premium', got 'standard'", "0 passed, 1 failed");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(((Element) xml.getElementsByTagName("failure").item(0)).getAttribute("message")).contains("expected variant 'premium'");
    }

    @Test
    void no_tests_an_unreadable_file_or_a_wrong_command_line_never_pass() throws Exception {
        assertThat(run("test", exported("[]").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no routing tests");

        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{not json");
        assertThat(run("test", junk.toString())).isEqualTo(1);
        assertThat(run("test", dir.resolve("missing.json").toString())).isEqualTo(1);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("test", "a", "--repot", "b")).isEqualTo(2);
    }

    @Test
    void a_pattern_the_linear_time_engine_refuses_fails_the_run_naming_its_condition() throws Exception {
        Path file = exported("[{\"name\":\"gold\",\"context\":{\"tier\":\"gold\"},\"expectVariant\":\"premium\"}]");
        Files.writeString(file, Files.readString(file).replace("{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}",
                "{\"field\":\"tier\",\"op\":\"matches\",\"value\":\"(?!silver)gold\"}"));

        assertThat(run("test", file.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "routing.rules[0].when[0].value: regex not supported: negative lookahead (?!...): this row never matches");
    }

    @Test
    void test_cases_pin_spend_values_compared_as_the_numbers_they_are() throws Exception {
        Path file = exported("[{\"name\":\"spent 60 this month\",\"context\":{\"spend.identity.month_usd\":60},\"expectVariant\":\"premium\",\"expectRule\":\"gold\"},"
                + "{\"name\":\"spent 9.5\",\"context\":{\"spend.identity.month_usd\":9.5},\"expectVariant\":\"standard\"},"
                + "{\"name\":\"spent 50\",\"context\":{\"spend.identity.month_usd\":\"50\"},\"expectVariant\":\"premium\"}]");
        // a number without any schema (a string field takes no "gt"): 9.5 is below 50, and "50" is not more than 50
        Files.writeString(file, Files.readString(file).replace("{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}",
                "{\"field\":\"spend.identity.month_usd\",\"op\":\"gt\",\"value\":50}"));

        assertThat(run("test", file.toString())).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASS spent 60 this month", "PASS spent 9.5",
                "FAIL spent 50: expected variant 'premium', got 'standard'", "2 passed, 1 failed");
    }
}
