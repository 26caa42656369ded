package io.postureaudit.report;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;

import com.sun.management.ThreadMXBean;
import io.postureaudit.bench.estate.SyntheticEstate;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.support.AdjustableClock;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * The study-session report for the synthetic large account (issue 11): plants {@link SyntheticEstate}'s large
 * account into the fake AWS, runs one real scan a day for two weeks through the application's clock (KMS rotation
 * flipping on a share of the keys, roles trusting anyone added and deleted, some findings suppressed), so that the
 * history is in PostgreSQL as the service writes it; then generates the report of those two weeks and prints the
 * time and heap of each step — the model, Markdown, HTML, PDF — in English and Japanese, and the whole generation
 * through {@code POST /api/reports}. Not part of the test suite: compiled only with {@code -Pbench}.
 *
 * <pre>mvn -B -o -Pbench test -Dtest=ReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.report.days=14 -Dbench.report.rounds=3    # -Dbench.report.size=small: a smoke run of this code</pre>
 */
@QuarkusTest
@TestProfile(ReportBenchmark.LargeAccount.class)
@QuarkusTestResource(TestEnvironment.class)
class ReportBenchmark {

    /** The large account is scanned beside the test environment's two small ones. */
    public static class LargeAccount implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("posture.accounts[2].id", SyntheticEstate.ACCOUNT, "posture.accounts[2].name", "large",
                    "posture.accounts[2].role-arn", "arn:aws:iam::" + SyntheticEstate.ACCOUNT + ":role/PostureAudit",
                    "posture.accounts[2].regions", String.join(",", SyntheticEstate.REGIONS),
                    "posture.report.zone", "Asia/Tokyo",
                    // The fake answers a service-last-accessed job at once; AWS's pace (1 s between status polls, for
                    // each of the large account's principals) would make every daily scan take minutes of sleeping.
                    "posture.iam.service-last-accessed.poll-interval", "PT0.05S");
        }
    }

    @Inject
    AdjustableClock clock;

    @Inject
    ReportBuilder builder;

    @Inject
    ReportRenderer renderer;

    @Inject
    ActionItems actionItems;

    @Inject
    ReportService reports;

    @Inject
    PostureConfig config;

    @Test
    void generateTheReportOfTwoWeeksOfDailyScans() throws Exception {
        int days = Integer.getInteger("bench.report.days", 14);
        int rounds = Integer.getInteger("bench.report.rounds", 3);
        FakeIam iam = TestEnvironment.iam();
        FakeKms kms = TestEnvironment.fake("kms");
        iam.pageSize(1000);
        kms.pageSize(1000);
        boolean large = !"small".equals(System.getProperty("bench.report.size", "large"));
        if (large) {
            SyntheticEstate.plantIam(iam);
            SyntheticEstate.plantKms(kms);
            SyntheticEstate.plantIdentityCenter(TestEnvironment.fake("sso"), TestEnvironment.fake("identitystore"));
        } else {
            // A smoke run of the benchmark itself (-Dbench.report.size=small), not the figure.
            SyntheticEstate.plantIam(iam, SyntheticEstate.ACCOUNT, new SyntheticEstate.Size(20, 4, 10, 50,
                    SyntheticEstate.HOME));
            SyntheticEstate.plantKms(kms, SyntheticEstate.ACCOUNT, 30, SyntheticEstate.REGIONS);
        }
        SyntheticEstate.plantWaf(TestEnvironment.fake("wafv2"));
        SyntheticEstate.plantGuardDuty(TestEnvironment.fake("guardduty"));

        // One scan a day, the last half a day ago; the clock moves back to now for the report.
        List<Double> scanSeconds = new ArrayList<>();
        try {
            clock.advance(Duration.ofDays(-days).plusHours(12));
            for (int day = 0; day < days; day++) {
                if (day > 0) {
                    clock.advance(Duration.ofDays(1));
                    change(iam, kms, day);
                }
                long start = System.nanoTime();
                scan();
                scanSeconds.add((System.nanoTime() - start) / 1e9);
                if (day == 3) {
                    suppressSome();
                }
                System.out.printf(Locale.ROOT, "scan of day %d: %.1f s%n", day + 1, scanSeconds.get(day));
            }
        } finally {
            clock.reset();
        }

        String zone = config.report().zone().getId();
        ReportPeriod period = ReportPeriod.resolve(null, null, config.report().zone(), clock);
        System.out.printf(Locale.ROOT, "%n== Report benchmark ==%n%d daily scans of the %s account (median %.1f s "
                + "each) and two small ones; period %s..%s %s%n", days, large ? "large" : "SMALL (smoke run)",
                median(scanSeconds), period.from(),
                period.to(), zone);

        // The whole generation as the service does it (model, action items, three formats, stored).
        for (String language : List.of("en", "ja")) {
            long start = System.nanoTime();
            long id = admin().contentType(ContentType.JSON).body("{\"language\":\"" + language + "\"}")
                    .post("/api/reports").then().statusCode(202).extract().jsonPath().getLong("id");
            String status = awaitReport(id);
            System.out.printf(Locale.ROOT, "POST /api/reports (%s): %s after %.2f s%n", language, status,
                    (System.nanoTime() - start) / 1e9);
            if (!"ready".equals(status)) {
                throw new AssertionError("report " + id + " is " + status);
            }
            ReportModel model = reports.model(id);
            List<ActionItem.View> items = actionItems.of(id);
            System.out.printf(Locale.ROOT, "%n%s: %s, %d action items, %d study topics%n", language,
                    model.summary().events(), items.size(), model.studyTopics().size());
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %12s %14s %14s  %s%n", "step", "first", "best",
                    "allocated", "heap before", "peak heap", "output");
            measure("model", rounds, () -> builder.build(period, language), m -> "");
            measure("markdown", rounds, () -> MarkdownRenderer.render(model, items, "trend.svg"),
                    md -> String.format(Locale.ROOT, "%,d chars", md.length()));
            measure("html", rounds, () -> renderer.html(model, items, false),
                    html -> String.format(Locale.ROOT, "%,d chars", html.length()));
            measure("pdf", rounds, () -> renderer.pdf(renderer.html(model, items, true)), pdf -> {
                try (PDDocument doc = Loader.loadPDF(pdf)) {
                    return String.format(Locale.ROOT, "%,d bytes, %d pages", pdf.length, doc.getNumberOfPages());
                } catch (java.io.IOException e) {
                    return pdf.length + " bytes (unreadable: " + e.getMessage() + ")";
                }
            });
        }
        System.out.println();
    }

    /** Day d: a share of the keys flips rotation; five roles trusting anyone appear, those of three days ago go. */
    private static void change(FakeIam iam, FakeKms kms, int day) {
        for (String region : SyntheticEstate.REGIONS) {
            List<FakeKms.Key> keys = kms.region(SyntheticEstate.ACCOUNT, region).keys;
            for (int i = 0; i < keys.size(); i++) {
                if (i % 13 == day % 13) {
                    keys.get(i).rotationEnabled = !keys.get(i).rotationEnabled;
                }
            }
        }
        FakeIam.Estate e = iam.estate(SyntheticEstate.ACCOUNT);
        for (int j = 0; j < 5; j++) {
            FakeIam.Role r = new FakeIam.Role("temp-" + day + "-" + j, "{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}");
            r.attachedPolicyArns.add("arn:aws:iam::aws:policy/AdministratorAccess");
            e.roles.add(r);
        }
        e.roles.removeIf(r -> r.name.startsWith("temp-" + (day - 3) + "-"));
    }

    /** Ten open high findings suppressed for ten days (the report lists suppressions about to expire). */
    private void suppressSome() {
        JsonPath open = viewer().queryParam("account", SyntheticEstate.ACCOUNT).queryParam("status", "open")
                .queryParam("size", 10).get("/api/findings").then().statusCode(200).extract().jsonPath();
        for (long id : open.getList("items.id", Long.class)) {
            admin().contentType(ContentType.JSON).body("{\"justification\":\"benchmark: accepted for now\","
                    + "\"expiresAt\":\"" + clock.instant().plus(Duration.ofDays(10)) + "\"}")
                    .post("/api/findings/" + id + "/suppress").then().statusCode(200);
        }
    }

    private static void scan() throws InterruptedException {
        long id = admin().post("/api/scans").then().statusCode(202).extract().jsonPath().getLong("id");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
        while (Instant.now().isBefore(deadline)) {
            String status = viewer().get("/api/scans/" + id).then().statusCode(200).extract().path("status");
            if (!"running".equals(status)) {
                if (!"succeeded".equals(status)) {
                    System.out.println("scan " + id + " ended " + status);
                }
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("scan " + id + " still running after 20 minutes");
    }

    private static String awaitReport(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            String status = viewer().get("/api/reports").then().statusCode(200).extract().jsonPath()
                    .getString("find { it.id == " + id + " }.status");
            if (!"pending".equals(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        return "still pending after 10 minutes";
    }

    /** Runs a step {@code rounds} times; prints the first and best wall time, allocation and the heap's peak. */
    private static <T> void measure(String step, int rounds, Callable<T> work, java.util.function.Function<T, String> out)
            throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double first = 0, best = Double.MAX_VALUE;
        long allocated = 0, before = 0, peak = 0;
        T result = null;
        for (int round = 0; round < rounds; round++) {
            System.gc();
            before = heapUsed();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long bytes = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            result = work.call();
            double ms = (System.nanoTime() - start) / 1e6;
            allocated = threads.getThreadAllocatedBytes(thread) - bytes;
            peak = Math.max(peak, heapPeak());
            first = round == 0 ? ms : first;
            best = Math.min(best, ms);
        }
        System.out.printf(Locale.ROOT, "%-10s %8.0fms %8.0fms %10.1fMiB %12.1fMiB %12.1fMiB  %s%n", step, first, best,
                allocated / 1048576.0, before / 1048576.0, peak / 1048576.0, out.apply(result));
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any one time. */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
