package io.postureaudit.collect.guardduty;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.guardduty.model.Administrator;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.GetFilterResponse;
import software.amazon.awssdk.services.guardduty.model.Member;

/**
 * What was read about one GuardDuty detector. {@code administrator} is null when the account has none (or, with
 * {@code administratorRead} false, when it could not be read); {@code filters}/{@code members} and the
 * organisation facts are null when they could not be read (a gap says why).
 */
public record DetectorFacts(String detectorId, GetDetectorResponse detector, List<GetFilterResponse> filters,
        Administrator administrator, boolean administratorRead, List<Member> members,
        Map<String, Object> organizationAdmin, Map<String, Object> organizationConfiguration) {
}
