package io.postureaudit.policy.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Resource element's wildcard rules (IAM User Guide, "Using wildcards in resource ARNs"): wildcards work within a
 * colon-separated segment, and a {@code *} that ends a segment may expand beyond the colons.
 */
class ResourcePatternsTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        // a star ending a segment crosses colons: S3 keys with colons, log streams below a log group
        "arn:aws:s3:::reports/*, arn:aws:s3:::reports/2026:12:01.csv, true",
        "arn:aws:logs:*:*:log-group:app*, arn:aws:logs:ap-northeast-1:111122223333:log-group:app:log-stream:s1, true",
        // ...also one that ends an earlier segment (the account): the documented expansion
        "arn:aws:logs:*:*:/aws-glue/*, arn:aws:logs:us-east-1:111122223333:log-group:/aws-glue/sessions, true",
        "arn:aws:logs:*:*:/aws-glue/*, arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x, false",
        // a star inside a segment stays inside it, and ? is one character of a segment, never a colon
        "arn:aws:logs:*:*:log-group:a*z, arn:aws:logs:us-east-1:111122223333:log-group:a:z, false",
        "arn:aws:logs:*:*:log-group:a*z, arn:aws:logs:us-east-1:111122223333:log-group:a/b/z, true",
        "arn:aws:iam::111122223333:user/a?b, arn:aws:iam::111122223333:user/a:b, false",
        "arn:aws:iam::111122223333:user/a?b, arn:aws:iam::111122223333:user/a-b, true",
        // resources are case-sensitive
        "arn:aws:iam::111122223333:user/Bob, arn:aws:iam::111122223333:user/bob, false",
        "*, arn:aws:iam::111122223333:user/bob, true",
        // equal literal ends are cut before the automata run; unequal ones, or a star before them, are not matches
        "arn:aws:iam::111122223333:user/bob, arn:aws:iam::111122223333:user/bob, true",
        "arn:aws:iam::111122223333:user/bob, arn:aws:iam::111122223333:user/bo, false",
        "arn:aws:iam::111122223333:user/bo, arn:aws:iam::111122223333:user/bob, false",
        "arn:aws:iam::111122223333:user/*b, arn:aws:iam::111122223333:user/b, true",
        "arn:aws:iam::111122223333:user/*b, arn:aws:iam::111122223333:user/bab, true",
        "arn:aws:iam::111122223333:user/*bb, arn:aws:iam::111122223333:user/b, false",
        "arn:aws:iam::111122223333:user/b*b, arn:aws:iam::111122223333:user/b, false",
        "arn:aws:iam::111122223333:user/b*, arn:aws:iam::111122223333:user/b, true",
    })
    void shouldMatchAConcreteArnTheWayTheResourceElementDoes(String pattern, String arn, boolean expected) {
        assertEquals(expected, ResourcePatterns.matches(ResourcePatterns.policy(pattern), arn));
    }

    @ParameterizedTest(name = "{0} names a {1}: {2}")
    @CsvSource({
        "arn:aws:iam::*:role/*, arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}, true",
        // IAM names hold no colon: role/* cannot reach a user by letting the account star swallow 'user/x'
        "arn:aws:iam::*:role/*, arn:${Partition}:iam::${Account}:user/${UserNameWithPath}, false",
        // a bucket name holds no slash: bucket/* names objects only
        "arn:aws:s3:::reports/*, arn:${Partition}:s3:::${BucketName}, false",
        "arn:aws:s3:::reports/*, arn:${Partition}:s3:::${BucketName}/${ObjectName}, true",
        "arn:aws:s3:::reports*, arn:${Partition}:s3:::${BucketName}, true",
        // a log group pattern names no destination, a literal destination no log group
        "arn:aws:logs:us-east-1:111122223333:destination:central, arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}, false",
        "arn:aws:logs:*:*:/aws-glue/*, arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}, true",
        "arn:aws:logs:*:*:/aws-glue/*, arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}, true",
        // free text: an S3 key may hold colons
        "arn:aws:s3:::reports/2026:*, arn:${Partition}:s3:::${BucketName}/${ObjectName}, true",
        // a Lambda grant on versions and aliases names the qualified ARNs, which the data lists as types of their own
        "arn:aws:lambda:*:*:function:app:*, arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Alias}, true",
        "arn:aws:lambda:*:*:function:app:*, arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}, false",
        // ...and no name holds a colon, so key/* cannot reach an alias through the account star
        "arn:aws:kms:*:*:key/*, arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}, true",
        "arn:aws:kms:*:*:key/*, arn:${Partition}:kms:${Region}:${Account}:alias/${Alias}, false",
    })
    void shouldTellWhetherAPatternCanNameAnArnOfAFormat(String pattern, String format, boolean expected) {
        assertEquals(expected, ResourcePatterns.overlap(ResourcePatterns.policy(pattern),
                ResourcePatterns.template(format)));
    }
}
