package io.postureaudit.findings;

import io.postureaudit.rules.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The posture score: {@code 100 × (1 − failing ÷ checked)}, one decimal, where {@code checked} is the sum of
 * severity weights over every (rule, resource) check a scan ran and {@code failing} the sum of severity weights
 * over the open findings (suppressed ones are accepted risk and do not count). Weights: critical 10, high 5,
 * medium 2, low 1, info 0. An environment pools the sums of its accounts, so a big account weighs more.
 */
public final class ScoreFormula {

    public static final String TEXT = "score = 100 * (1 - failing / checked); checked = sum of severity weights over "
            + "every (rule, resource) check of the scan; failing = sum of severity weights over open findings "
            + "(suppressed excluded), capped at checked, rounded down to one decimal; weights critical=10 high=5 medium=2 low=1 info=0; "
            + "an environment pools the sums of its accounts; nothing checked scores 100";

    private ScoreFormula() {
    }

    public static long weight(Map<Severity, ? extends Number> counts) {
        long sum = 0;
        for (Map.Entry<Severity, ? extends Number> e : counts.entrySet()) {
            sum += e.getKey().weight() * e.getValue().longValue();
        }
        return sum;
    }

    public static BigDecimal score(long checked, long failing) {
        if (checked <= 0) {
            return BigDecimal.valueOf(100).setScale(1, RoundingMode.UNNECESSARY);
        }
        long capped = Math.min(failing, checked);
        return BigDecimal.valueOf(100).multiply(BigDecimal.valueOf(checked - capped))
                .divide(BigDecimal.valueOf(checked), 1, RoundingMode.FLOOR);
    }
}
