package io.postureaudit.drift;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.Gap;
import java.util.List;

/**
 * Says who made an account's changes (e.g. from CloudTrail). Every CDI bean implementing this is asked, in the
 * account's own pipeline step, after the changes are stored and before drift rules judge them, so findings can
 * name the actor. A source it cannot read is a gap, and the change stays unattributed.
 */
public interface ChangeAttributor {

    /** Changes with {@link Change#actor()} set where known, and what could not be read. */
    record Attributed(List<Change> changes, List<Gap> gaps) {
    }

    /**
     * @param collected what this scan read of the account (its target names the account, role and regions)
     * @param changes   the account's changes of this scan, each naming its previous scan
     */
    Attributed attribute(Collected collected, List<Change> changes);
}
