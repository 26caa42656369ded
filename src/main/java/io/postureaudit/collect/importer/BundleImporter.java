package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.SdkJson;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.collect.guardduty.GuardDutyCollector;
import io.postureaudit.collect.iam.CredentialReportReader;
import io.postureaudit.collect.iam.IamCollector;
import io.postureaudit.collect.iam.ServiceLastAccessed;
import io.postureaudit.collect.identitycenter.IdentityCenterCollector;
import io.postureaudit.collect.kms.KmsCollector;
import io.postureaudit.collect.waf.WafCollector;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an offline bundle (what the AWS CLI printed for one account) into the same {@link Collected} a live scan
 * of that account yields, by running the live collectors over {@link BundleClients}: one call sequence, two
 * sources. Absent calls are gaps; keys no client answers are reported back.
 */
@ApplicationScoped
public class BundleImporter {

    /** The collected account, and the bundle keys nothing read (to report back, never to drop silently). */
    public record Imported(Collected collected, List<String> unknownKeys) {
    }

    /** Bundle clients answer at once: nothing is generated, nothing is waited for. */
    private static final Duration NO_WAIT = Duration.ZERO;

    /**
     * Reads a bundle for {@code accountId}. Regions are those the bundle's keys name; when it names none, the
     * {@code defaultRegions} are used so that the missing regional calls show up as gaps.
     *
     * @throws io.postureaudit.collect.SdkJson.ShapeException when the bundle is not a JSON object
     */
    public Imported read(String accountId, String name, JsonNode root, List<String> defaultRegions) {
        Bundle bundle = new Bundle(root);
        List<String> regions = bundle.regions().isEmpty() ? defaultRegions : List.copyOf(bundle.regions());
        AccountTarget account = new AccountTarget(accountId, name, Optional.empty(), Optional.empty(), regions);
        BundleClients clients = new BundleClients(bundle);
        List<CollectionContext> contexts = new ArrayList<>();
        for (ServiceCollector collector : collectors(clients)) {
            // A bundle holds the regions it holds: no collector reads a region the bundle does not name.
            List<String> scopes = collector.scope() == CollectorScope.GLOBAL ? List.of(ResourceTypes.GLOBAL_REGION)
                    : regions;
            for (String region : scopes) {
                CollectionContext context = new CollectionContext(account, region, collector.service(), clients);
                run(collector, context);
                contexts.add(context);
            }
        }
        return new Imported(Collected.of(account, contexts).withOffline(clients),
                bundle.unknownKeys(BundleClients.OPERATIONS, BundleClients.GLOBAL_SERVICES));
    }

    /** As a live scan: a collector that fails unexpectedly leaves a gap for its scope, not a failed import. */
    private static void run(ServiceCollector collector, CollectionContext context) {
        try {
            collector.collect(context);
        } catch (SdkJson.ShapeException e) {
            context.gap("import", "UnreadableOutput: " + e.getMessage(), null);
        } catch (UnsupportedOperationException e) {
            context.gap("import", "NotInBundle: the " + collector.service() + " collector makes a call no bundle key"
                    + " answers yet", null);
        } catch (RuntimeException e) {
            context.gap("collect", e);
        }
    }

    /** The live collectors, one call at a time; service last accessed only when the bundle has it. */
    private static List<ServiceCollector> collectors(BundleClients clients) {
        Clock clock = Clock.systemUTC();
        ServiceLastAccessed lastAccessed = new ServiceLastAccessed(clients.iam().hasServiceLastAccessed(), 1,
                "SERVICE_LEVEL", NO_WAIT, NO_WAIT, clock);
        return List.of(new IamCollector(new CredentialReportReader(NO_WAIT, NO_WAIT, clock), lastAccessed),
                new IdentityCenterCollector(1), new WafCollector(1), new GuardDutyCollector(1), new KmsCollector(1));
    }
}
