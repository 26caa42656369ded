package io.postureaudit.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.CollectedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real change pairs: every pair of consecutive versions of every AWS managed policy goes through the semantic diff
 * (judged as if held, since nobody holds them here). None may fail; a pair that differs only in spelling must have
 * an empty effect; known pairs give exactly the actions AWS added.
 */
class ManagedPolicyVersionPairsTest {

    static final IamEffects EFFECTS = new IamEffects();
    static final Map<String, Effect> KNOWN = new LinkedHashMap<>();
    static final List<String> FAILURES = new ArrayList<>();
    static final List<String> RESPELLED_WITH_EFFECT = new ArrayList<>();
    static int pairs;
    static int respelled;
    static int withEffect;

    static CollectedResource policy(ManagedPolicyVersions.Policy p, int version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("policyName", p.name());
        data.put("arn", p.arn());
        data.put("awsManaged", true);
        data.put("defaultVersionId", p.versionIds().get(version));
        data.put("document", p.documents().get(version));
        return new CollectedResource(p.arn(), "iam.policy", "123456789012", "global", p.name(), data, Map.of());
    }

    @BeforeAll
    static void diffEveryPair() throws Exception {
        ManagedPolicyVersions.forEach(p -> {
            for (int i = 1; i < p.documents().size(); i++) {
                pairs++;
                CollectedResource before = policy(p, i - 1);
                CollectedResource after = policy(p, i);
                String pair = p.name() + " " + p.versionIds().get(i - 1) + "->" + p.versionIds().get(i);
                try {
                    Change change = Changes.of(before, after);
                    Effect effect = EFFECTS.effect(List.of(after), change);
                    if (!effect.isEmpty()) {
                        withEffect++;
                    }
                    if (JsonDiff.same(PolicyText.canonical(before.data().get("document")),
                            PolicyText.canonical(after.data().get("document")))) {
                        respelled++;
                        if (!effect.isEmpty() || !IamEffects.cosmetic(change, effect)) {
                            RESPELLED_WITH_EFFECT.add(pair + ": " + effect);
                        }
                    }
                    KNOWN.put(pair, effect);
                } catch (RuntimeException e) {
                    FAILURES.add(pair + ": " + e);
                }
            }
        });
    }

    @Test
    void shouldDiffEveryConsecutiveVersionPairWithoutFailing() {
        assertTrue(pairs > 4000, "expected several thousand version pairs, found " + pairs);
        assertEquals(List.of(), FAILURES);
        assertTrue(withEffect > pairs / 2, "most new versions change access: " + withEffect + " of " + pairs);
    }

    @Test
    void shouldGiveEmptyEffectWhenVersionsDifferOnlyInSpelling() {
        assertTrue(respelled > 0, "the corpus holds versions that only respell their predecessor");
        assertEquals(List.of(), RESPELLED_WITH_EFFECT);
    }

    @Test
    void shouldGrantExactlyWhatAwsAddedToS3ReadOnlyAccess() {
        Effect v2 = KNOWN.get("AmazonS3ReadOnlyAccess v1->v2");
        assertEquals(List.of("s3-object-lambda:GetObject", "s3-object-lambda:GetObjectAcl",
                "s3-object-lambda:GetObjectLegalHold", "s3-object-lambda:GetObjectRetention",
                "s3-object-lambda:GetObjectTagging", "s3-object-lambda:GetObjectVersion",
                "s3-object-lambda:GetObjectVersionAcl", "s3-object-lambda:GetObjectVersionTagging",
                "s3-object-lambda:ListBucket", "s3-object-lambda:ListBucketMultipartUploads",
                "s3-object-lambda:ListBucketVersions", "s3-object-lambda:ListMultipartUploadParts"), v2.granted());
        assertEquals(List.of(), v2.revoked());
        Effect v3 = KNOWN.get("AmazonS3ReadOnlyAccess v2->v3");
        assertEquals(List.of("s3:DescribeJob", "s3:DescribeMultiRegionAccessPointOperation"), v3.granted());
        assertEquals(List.of(), v3.revoked());
    }
}
