package io.postureaudit.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.bench.estate.SyntheticEstate;
import io.postureaudit.collect.AccountCollector;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.inventory.InventoryService;
import io.postureaudit.scan.ScanStore;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Change detection and semantic diff (issue 9's benchmark) on the collection benchmark's synthetic large account,
 * with the real PostgreSQL inventory around it: a baseline scan, then passes that each change 5 % of the
 * resources (a different 5 % every pass: role attachments and trusts, policy documents, user and group
 * memberships, IAM groups' policies, permission sets, new assignments, Identity Center users and memberships,
 * KMS rotation) in the fake AWS,
 * collect again, store the snapshot, and time {@link ChangeDetector#detect} (read both scans' versions from the
 * database, field diffs, semantic IAM effects, insert the change records). The semantic diff is also timed alone
 * over the same changes. Prints figures for docs/benchmarks.md; it asserts nothing. Not part of the test suite
 * (compiled only with {@code -Pbench}):
 *
 * <pre>mvn -B -o -Pbench test -Dtest=ChangeDetectionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.drift.passes=3</pre>
 */
@QuarkusTest
@TestProfile(ChangeDetectionBenchmark.Bench.class)
@QuarkusTestResource(TestEnvironment.class)
class ChangeDetectionBenchmark {

    /** As the collection benchmark: no service-last-accessed jobs, eight calls in flight; detection phases logged. */
    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The detector's per-phase line (wall and CPU time of read, field diffs, semantic diff, insert).
            return Map.of("posture.iam.service-last-accessed.enabled", "false", "posture.aws.max-concurrency", "8",
                    "quarkus.http.test-port", "0",
                    "quarkus.log.category.\"io.postureaudit.drift.ChangeDetector\".level", "DEBUG");
        }
    }

    static final String ACCOUNT = SyntheticEstate.ACCOUNT;
    static final int SHARE = 20; // one in twenty: 5 %
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final String WIDE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
            + "\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"],\"Resource\":\"*\"}]}";
    static final String PARTNER_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\",\"AWS\":\"arn:aws:iam::333333333333:root\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";

    @Inject
    AccountCollector collector;
    @Inject
    InventoryService inventory;
    @Inject
    ScanStore scans;
    @Inject
    ChangeDetector detector;
    @Inject
    IamEffects effects;

    @Test
    void shouldPrintChangeDetectionFigures() {
        int passes = Integer.getInteger("bench.drift.passes", 3);
        FakeIam iam = TestEnvironment.iam();
        iam.pageSize(1000);
        SyntheticEstate.plantIam(iam);
        SyntheticEstate.plantKms(TestEnvironment.fake("kms"));
        SyntheticEstate.plantWaf(TestEnvironment.fake("wafv2"));
        SyntheticEstate.plantGuardDuty(TestEnvironment.fake("guardduty"));
        SyntheticEstate.plantIdentityCenter(TestEnvironment.fake("sso"), TestEnvironment.fake("identitystore"));
        AccountTarget target = new AccountTarget(ACCOUNT, "bench",
                Optional.of("arn:aws:iam::" + ACCOUNT + ":role/PostureAudit"), Optional.empty(),
                SyntheticEstate.REGIONS);
        inventory.ensureAccount(ACCOUNT, "bench", false);
        Snapshot baseline = scan(target);
        System.out.printf("baseline scan: %d resources (%s), collected in %.2f s, stored in %.2f s%n",
                baseline.collected.resources().size(), types(baseline.collected), baseline.collectSeconds,
                baseline.storeSeconds);
        for (int pass = 1; pass <= passes; pass++) {
            int planted = change(pass);
            Snapshot next = scan(target);
            Map<String, Integer> kinds = new TreeMap<>();
            int withEffect = 0;
            for (Change c : next.changes) {
                kinds.merge(c.change() + " " + c.resourceType(), 1, Integer::sum);
                withEffect += c.effect() != null && !c.effect().isEmpty() ? 1 : 0;
            }
            double diffAlone = semanticDiffAlone(next);
            dump(pass, next.changes);
            System.out.printf("== pass %d%s: %d configuration items changed in the fake (%.1f %% of %d resources)%n",
                    pass, pass == 1 ? " (cold JVM for drift)" : "", planted,
                    100.0 * planted / next.collected.resources().size(), next.collected.resources().size());
            System.out.printf("change records: %d (%d with an effect on access): %s%n", next.changes.size(), withEffect,
                    kinds);
            System.out.printf("collect %.2f s (fake AWS in this JVM, no latency); store snapshot %.2f s; "
                    + "change detection + semantic diff %.2f s wall, %.2f s CPU of this thread + %.2f s CPU of "
                    + "PostgreSQL (semantic diff alone %.2f s CPU); peak heap during detection %d MiB (max heap %d MiB); "
                    + "load average %.1f%n",
                    next.collectSeconds, next.storeSeconds, next.detectSeconds, next.detectCpuSeconds,
                    next.postgresCpuSeconds, diffAlone,
                    next.peakHeapMiB, Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * With {@code -Dbench.drift.dump=FILE}, appends every change record's type, ARN, kind, cosmetic flag, fields and
     * effect in a stable order, so two versions of the detector can be compared record for record.
     */
    private static void dump(int pass, List<Change> changes) {
        String file = System.getProperty("bench.drift.dump");
        if (file == null || file.isBlank()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Change c : changes) {
            lines.add(pass + " " + c.resourceType() + " " + c.resourceArn() + " " + c.change() + " cosmetic="
                    + c.cosmetic() + " fields=" + io.postureaudit.inventory.CanonicalJson.write(c.fields())
                    + " effect=" + (c.effect() == null ? "null" : io.postureaudit.inventory.CanonicalJson.write(
                            c.effect())));
        }
        java.util.Collections.sort(lines);
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(file), lines, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * CPU time so far of the test database's server processes (the postmaster listening on the datasource's port
     * and its children: backends, WAL writer, checkpointer), 0 when they cannot be found (an external database).
     */
    private static long postgresCpu() {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(url);
        if (!m.find()) {
            return 0;
        }
        String port = "-p " + m.group(1);
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(port)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
    }

    /** One scan of the account the way the account pipeline does it: collect, store, detect, record coverage. */
    private Snapshot scan(AccountTarget target) {
        long scanId = scans.create("bench", false);
        long t0 = System.nanoTime();
        Collected collected = collector.collect(target, scanId);
        long t1 = System.nanoTime();
        inventory.store(scanId, ACCOUNT, collected.resources());
        long t2 = System.nanoTime();
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t3 = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long pg0 = postgresCpu();
        List<Change> changes = detector.detect(scanId, collected);
        long pg1 = postgresCpu();
        long cpu1 = CPU.getCurrentThreadCpuTime();
        long t4 = System.nanoTime();
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        scans.recordAccount(scanId, collected, List.of());
        scans.finish(scanId, null);
        if (!collected.gaps().isEmpty()) {
            System.out.println("gaps (changes are not detected in a scope with a gap): " + collected.gaps().size()
                    + ", e.g. " + collected.gaps().get(0));
        }
        return new Snapshot(collected, changes, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t4 - t3) / 1e9, (cpu1 - cpu0) / 1e9,
                (pg1 - pg0) / 1e9, peak >> 20);
    }

    private record Snapshot(Collected collected, List<Change> changes, double collectSeconds, double storeSeconds,
            double detectSeconds, double detectCpuSeconds, double postgresCpuSeconds, long peakHeapMiB) {
    }

    /**
     * The effects of the same changes again, without the database: what the semantic diff costs on its own, in CPU
     * seconds of this thread (robust on a shared machine, where wall time mostly measures waiting for a core).
     */
    private double semanticDiffAlone(Snapshot s) {
        List<CollectedResource> now = s.collected.resources().stream().filter(r -> IamEffects.bearsIam(r.type()))
                .map(r -> new CollectedResource(r.arn(), r.type(), r.accountId(), r.region(), r.name(), r.data(),
                        Map.of())).toList();
        List<ChangeStore.Pending> pending = new ArrayList<>();
        for (Change c : s.changes) {
            pending.add(new ChangeStore.Pending(c.withEffect(null, false), 0L, null, null));
        }
        long start = CPU.getCurrentThreadCpuTime();
        effects.apply(pending, () -> now);
        return (CPU.getCurrentThreadCpuTime() - start) / 1e9;
    }

    /** Changes one in twenty items of each kind (a different twentieth each pass); returns how many. */
    private static int change(int pass) {
        int changed = 0;
        int slot = pass % SHARE;
        FakeIam.Estate e = TestEnvironment.iam().estate(ACCOUNT);
        synchronized (e) {
            for (int i = 0; i < e.roles.size(); i++) {
                if (i % SHARE == slot) {
                    FakeIam.Role r = e.roles.get(i);
                    if (i % 2 == 0) {
                        r.attachedPolicyArns.add("arn:aws:iam::aws:policy/ReadOnlyAccess");
                    } else {
                        r.trustPolicy = PARTNER_TRUST;
                    }
                    changed++;
                }
            }
            for (int i = 0; i < e.policies.size(); i++) {
                if (i % SHARE == slot) {
                    e.policies.get(i).document = WIDE;
                    changed++;
                }
            }
            for (int i = 0; i < e.users.size(); i++) {
                if (i % SHARE == slot) {
                    e.users.get(i).groups.add("group-" + ((i + 1) % SyntheticEstate.GROUPS));
                    changed++;
                }
            }
            for (int i = 0; i < e.groups.size(); i++) {
                if (i % SHARE == slot) {
                    e.groups.get(i).attachedPolicyArns.add("arn:aws:iam::aws:policy/PowerUserAccess");
                    changed++;
                }
            }
        }
        FakeSsoAdmin sso = TestEnvironment.fake("sso");
        List<FakeSsoAdmin.PermissionSet> sets = sso.instances(ACCOUNT, SyntheticEstate.HOME).get(0).permissionSets;
        for (int i = 0; i < sets.size(); i++) {
            if (i % SHARE == slot) {
                sets.get(i).managedPolicies.add((ObjectNode) FakeJsonService.json("{\"Name\":\"PowerUserAccess\","
                        + "\"Arn\":\"arn:aws:iam::aws:policy/PowerUserAccess\"}"));
                changed++;
            }
        }
        // New assignments: one more group given a set in an account the set is already provisioned to.
        for (int i = 0; i < sets.size(); i++) {
            if (i % SHARE == (slot + 1) % SHARE) {
                FakeSsoAdmin.PermissionSet set = sets.get(i);
                for (String account : List.copyOf(set.accounts)) {
                    set.assign(account, "GROUP", "g-" + ((i + pass * 7) % SyntheticEstate.GROUPS));
                    changed++;
                }
            }
        }
        FakeIdentityStore store = TestEnvironment.fake("identitystore");
        List<ObjectNode> users = store.store(SyntheticEstate.STORE).users;
        for (int i = 0; i < users.size(); i++) {
            if (i % SHARE == slot) {
                users.get(i).put("DisplayName", "Renamed " + i + " in pass " + pass);
                changed++;
            }
        }
        Map<String, List<String>> members = store.store(SyntheticEstate.STORE).members;
        for (int g = 0; g < SyntheticEstate.GROUPS; g++) {
            if (g % SHARE == slot) {
                List<String> now = new ArrayList<>(members.get("g-" + g));
                now.add("u-" + ((g * 7 + pass) % SyntheticEstate.USERS));
                members.put("g-" + g, List.copyOf(now));
                changed++;
            }
        }
        FakeKms kms = TestEnvironment.fake("kms");
        int k = 0;
        for (String region : SyntheticEstate.REGIONS) {
            for (FakeKms.Key key : kms.region(ACCOUNT, region).keys) {
                if (k++ % SHARE == slot) {
                    key.rotationEnabled = !key.rotationEnabled;
                    changed++;
                }
            }
        }
        return changed;
    }

    private static Map<String, Long> types(Collected c) {
        Map<String, Long> out = new TreeMap<>();
        c.resources().forEach(r -> out.merge(r.type(), 1L, Long::sum));
        return out;
    }
}
