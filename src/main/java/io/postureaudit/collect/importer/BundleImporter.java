package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.SdkJson;
import io.postureaudit.collect.iam.IamBundleReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an offline bundle (what the AWS CLI printed for one account) into the same {@link Collected} a live scan
 * of that account yields: every reader runs for the global scope or every region, and its absent calls are gaps.
 */
@ApplicationScoped
public class BundleImporter {

    /** The collected account, and the bundle keys nothing read (to report back, never to drop silently). */
    public record Imported(Collected collected, List<String> unknownKeys) {
    }

    private final List<BundleReader> readers = List.of(new IamBundleReader(), new IdentityCenterBundleReader(),
            new WafBundleReader(), new GuardDutyBundleReader(), new KmsBundleReader());

    /**
     * Reads a bundle for {@code accountId}. Regions are those the bundle's keys name; when it names none, the
     * {@code defaultRegions} are used so that the missing regional calls show up as gaps.
     *
     * @throws IllegalArgumentException when the bundle is not a JSON object, or an output does not fit its call's
     *                                  shape (the message names the key and the JSON path)
     */
    public Imported read(String accountId, String name, JsonNode root, List<String> defaultRegions) {
        Bundle bundle = new Bundle(root);
        List<String> regions = bundle.regions().isEmpty() ? defaultRegions : List.copyOf(bundle.regions());
        AccountTarget account = new AccountTarget(accountId, name, Optional.empty(), Optional.empty(), regions);
        List<CollectedResource> resources = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Set<String> attempted = new LinkedHashSet<>();
        for (BundleReader reader : readers) {
            List<String> scopes = reader.scope() == CollectorScope.GLOBAL ? List.of(ResourceTypes.GLOBAL_REGION)
                    : regions;
            for (String region : scopes) {
                CollectionContext context = new CollectionContext(account, region, reader.service(), null);
                try {
                    reader.read(bundle, context);
                } catch (SdkJson.ShapeException e) {
                    context.gap("import", "UnreadableOutput: " + e.getMessage(), null);
                }
                resources.addAll(context.resources());
                gaps.addAll(context.gaps());
                attempted.add(Collected.scope(region, reader.service()));
            }
        }
        Set<String> known = new java.util.HashSet<>();
        Set<String> global = new java.util.HashSet<>();
        for (BundleReader reader : readers) {
            known.addAll(reader.operations());
            if (reader.scope() == CollectorScope.GLOBAL) {
                reader.operations().forEach(op -> global.add(op.substring(0, op.indexOf(':'))));
            }
        }
        return new Imported(new Collected(account, resources, gaps, attempted, null),
                bundle.unknownKeys(known, global));
    }
}
