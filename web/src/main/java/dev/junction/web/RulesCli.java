package dev.junction.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.DeployWarnings;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.rules.DroolsRouterCompiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code junction rules test FILE [--report PATH]}: runs the routing tests of an exported deployment document
 * (or a bare spec) with the same Drools compilation a deploy uses, with no server and no database, so teams can
 * run them in their own CI. Exit 0 when every test passes; 1 when one fails, when there is none, or when the
 * file cannot be used; 2 for a wrong command line. With {@code --report} it writes a JUnit XML report.
 */
final class RulesCli {
    static final String USAGE = "usage: junction rules test FILE [--report junit.xml]";

    private RulesCli() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2 || !args.getFirst().equals("test")) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(args.get(1));
        Path report = null;
        if (args.size() == 4 && args.get(2).equals("--report")) {
            report = Path.of(args.get(3));
        } else if (args.size() != 2) {
            err.println(USAGE);
            return 2;
        }
        DeploymentSpec spec;
        try {
            spec = read(file);
        } catch (IOException | IllegalArgumentException e) {
            err.println("junction: " + file + ": " + e.getMessage());
            return 1;
        }
        if (spec.tests().isEmpty()) {
            err.println("junction: " + file + " has no routing tests (add some under \"tests\"); nothing was checked");
            return 1;
        }
        List<FieldError> refused = DeployWarnings.refusedRegexes(spec.routing());
        if (!refused.isEmpty()) { // a deploy refuses them too; a stored version would run with those rows never matching
            for (FieldError e : refused) err.println("junction: " + e.path() + ": " + e.message());
            return 1;
        }
        long start = System.nanoTime();
        List<RoutingCaseRunner.Result> results;
        try {
            Router router = new DroolsRouterCompiler().compile(spec.key() + "@cli", spec.routing(), spec.routingSchema());
            results = RoutingCaseRunner.run(router, spec.tests());
        } catch (RoutingCompileException e) {
            err.println("junction: the routing table of " + spec.key() + " does not compile: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = results.stream().filter(r -> !r.passed()).count();
        for (RoutingCaseRunner.Result r : results) {
            out.println((r.passed() ? "PASS " : "FAIL ") + name(r) + (r.passed() ? "" : ": " + r.failure()));
        }
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        if (report != null) {
            try {
                Files.writeString(report, JUnitXml.of("routing." + spec.key(), results, seconds));
            } catch (IOException e) {
                err.println("junction: could not write " + report + ": " + e.getMessage());
                return 1;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    static String name(RoutingCaseRunner.Result r) {
        return r.name() == null || r.name().isBlank() ? "tests[" + r.index() + "]" : r.name();
    }

    /** An export document ({@code {"format": ..., "spec": ...}}) or a bare spec. */
    private static DeploymentSpec read(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        JsonNode spec = root != null && root.has("format") ? root.get("spec") : root;
        if (spec == null || !spec.isObject()) throw new IllegalArgumentException("no deployment spec in it");
        try {
            DeploymentSpec parsed = SpecJson.read(spec.toString());
            if (parsed.routing() == null) throw new IllegalArgumentException("the spec has no routing table");
            return parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a deployment spec: " + e.getOriginalMessage());
        }
    }
}
