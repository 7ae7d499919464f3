package dev.tether.tck;

import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the TCK's totals after a run: tests, passed, failed, errors and skipped, overall and by
 * top-level TCK package (api, ee, negdep, spec, signaturetest), read from the Failsafe reports.
 * With {@code --skipped} (the default build) it only says that the TCK was not run, and why.
 *
 * <p>Command line: {@code TckReport <failsafe-reports folder> [<excludes file> [<mode>]]} or
 * {@code TckReport --skipped}; the mode ({@code standalone}, {@code tomcat}) only labels the totals. Always exits 0: Failsafe's own verify step fails the build.
 */
public final class TckReport {
    private static final String PREFIX = "com.sun.ts.tests.websocket.";

    private TckReport() {
    }

    /** Counts of one group of tests. */
    static final class Counts {
        int tests;
        int failures;
        int errors;
        int skipped;

        int passed() {
            return tests - failures - errors - skipped;
        }

        void add(Counts other) {
            tests += other.tests;
            failures += other.failures;
            errors += other.errors;
            skipped += other.skipped;
        }

        @Override
        public String toString() {
            return tests + " tests, " + passed() + " passed, " + failures + " failed, " + errors + " errors, "
                    + skipped + " skipped";
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("--skipped")) {
            out.println("Jakarta WebSocket TCK: skipped. The default build does not run it: its test jar"
                    + " (jakarta.tck:websocket-tck-spec-tests) is not on Maven Central. Install the official"
                    + " TCK into the local repository, then run: mvn -B -pl tck-runner -Ptck verify (standalone server)"
                    + " or -Ptck-tomcat verify (in embedded Tomcat); see README.md.");
            return;
        }
        File reports = new File(args[0]);
        Map<String, Counts> byPackage = read(reports);
        if (byPackage.isEmpty()) {
            out.println("Jakarta WebSocket TCK: no reports in " + reports);
            return;
        }
        Counts total = new Counts();
        out.println("Jakarta WebSocket TCK on Tether" + (args.length > 2 ? " (" + args[2] + " mode)" : "") + ":");
        byPackage.forEach((name, counts) -> {
            out.printf("  %-14s %s%n", name, counts);
            total.add(counts);
        });
        out.printf("  %-14s %s%n", "total", total);
        if (args.length > 1) {
            out.println("  (tests listed in " + args[1] + " were excluded, each with its reason)");
        }
    }

    /** The counts of every report in {@code folder}, by the TCK package below com.sun.ts.tests.websocket. */
    static Map<String, Counts> read(File folder) throws Exception {
        Map<String, Counts> byPackage = new TreeMap<>();
        File[] files = folder.listFiles((dir, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
        if (files == null) {
            return byPackage;
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (File file : files) {
            Element suite = factory.newDocumentBuilder().parse(file).getDocumentElement();
            String name = suite.getAttribute("name");
            String group = name.startsWith(PREFIX) ? name.substring(PREFIX.length()).split("\\.")[0] : "other";
            Counts counts = byPackage.computeIfAbsent(group, k -> new Counts());
            counts.tests += intAttribute(suite, "tests");
            counts.failures += intAttribute(suite, "failures");
            counts.errors += intAttribute(suite, "errors");
            counts.skipped += intAttribute(suite, "skipped");
        }
        return byPackage;
    }

    private static int intAttribute(Element element, String name) {
        String value = element.getAttribute(name);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
