package dev.junction.web;

import dev.junction.engine.routing.RoutingCaseRunner;
import java.util.List;
import java.util.Locale;

/** A JUnit XML report (the format CI systems read) of routing test results. */
final class JUnitXml {
    private JUnitXml() {}

    static String of(String suite, List<RoutingCaseRunner.Result> results, double seconds) {
        long failures = results.stream().filter(r -> !r.passed()).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(escape(suite)).append("\" tests=\"").append(results.size())
           .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"")
           .append(String.format(Locale.ROOT, "%.3f", seconds)).append("\">\n");
        for (RoutingCaseRunner.Result r : results) {
            xml.append("  <testcase classname=\"").append(escape(suite)).append("\" name=\"")
               .append(escape(RulesCli.name(r))).append("\"");
            if (r.passed()) {
                xml.append("/>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(escape(r.failure())).append("\">")
                   .append(escape("expected variant " + r.expectVariant()
                           + (r.expectRule() == null ? "" : " via " + r.expectRule())
                           + ", got " + r.actualVariant() + " via " + r.actualRule()))
                   .append("</failure>\n  </testcase>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry become U+FFFD. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(legal ? c : 0xFFFD);
                }
            }
        });
        return out.toString();
    }
}
