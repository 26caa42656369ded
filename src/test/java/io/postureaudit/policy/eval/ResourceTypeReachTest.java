package io.postureaudit.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request for resource {@code *} is allowed only by a statement whose Resource can name a resource of the action
 * (one of its resource types' ARNs, or {@code *} for an action without any); each case beside its lookalike.
 */
class ResourceTypeReachTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    private static String decide(String action, String resource, String granted) throws Exception {
        JsonNode policy = JSON.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
                + action + "\",\"Resource\":\"" + granted + "\"}]}");
        return Simulator.simulate(new SimulationInput(ALICE, action, resource, null, Map.of(), List.of(policy),
                List.of(), null, null)).decision();
    }

    @ParameterizedTest(name = "{0} granted on {1}: {2}")
    @CsvSource({
        "s3:ListBucket, arn:aws:s3:::reports, allowed",
        "s3:ListBucket, arn:aws:s3:::reports/*, implicitDeny",
        "s3:GetObject, arn:aws:s3:::reports/*, allowed",
        "iam:CreateAccessKey, arn:aws:iam::*:user/*, allowed",
        "iam:CreateAccessKey, arn:aws:iam::*:role/*, implicitDeny",
        "iam:ListUsers, *, allowed",
        "iam:ListUsers, arn:aws:iam::111122223333:user/*, implicitDeny",
        "logs:CreateLogGroup, arn:aws:logs:*:*:log-group:*, allowed",
        "logs:CreateLogGroup, arn:aws:logs:us-east-1:111122223333:destination:central, implicitDeny",
        "logs:CreateLogGroup, arn:aws:s3:::reports/*, implicitDeny",
        // the star ending the account segment may expand over the colons: log groups under /aws-glue/ are named
        "logs:PutLogEvents, arn:aws:logs:*:*:/aws-glue/*, allowed",
        "sts:AssumeRole, arn:aws:iam::111122223333:role/app, allowed",
        "sts:AssumeRole, arn:aws:iam::111122223333:user/app, implicitDeny",
    })
    void shouldAllowResourceStarOnlyWhenThePatternCanNameAResourceOfTheAction(String action, String granted,
            String expected) throws Exception {
        assertEquals(expected, decide(action, "*", granted));
    }

    @ParameterizedTest(name = "{0} on {1} granted on {2}: {3}")
    @CsvSource({
        "logs:PutLogEvents, arn:aws:logs:us-east-1:111122223333:log-group:/aws-glue/s:log-stream:x, arn:aws:logs:*:*:/aws-glue/*, allowed",
        "logs:PutLogEvents, arn:aws:logs:us-east-1:111122223333:log-group:/other/s:log-stream:x, arn:aws:logs:*:*:/aws-glue/*, implicitDeny",
        "s3:GetObject, arn:aws:s3:::reports/a:b, arn:aws:s3:::reports/*, allowed",
        "iam:GetUser, arn:aws:iam::111122223333:user/a:b, arn:aws:iam::111122223333:user/a?b, implicitDeny",
    })
    void shouldMatchAConcreteResourceWithTheSegmentRules(String action, String resource, String granted,
            String expected) throws Exception {
        assertEquals(expected, decide(action, resource, granted));
    }
}
