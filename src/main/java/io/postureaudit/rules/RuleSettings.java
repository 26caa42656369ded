package io.postureaudit.rules;

import io.postureaudit.config.PostureConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operator's per-rule settings: a rule can be switched off or given another severity for every account
 * ({@code posture.rules.overrides."<rule_id>".*}) or for one account ({@code posture.rules.accounts."<id>".
 * "<rule_id>".*}); the account setting wins field by field, then the global one, then the rule file.
 */
public final class RuleSettings {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** One parsed override; null fields are not set. */
    public record Override(Boolean enabled, Severity severity) {
        static final Override NONE = new Override(null, null);
    }

    private final Map<String, Override> global;
    private final Map<String, Map<String, Override>> perAccount;

    public RuleSettings(Map<String, Override> global, Map<String, Map<String, Override>> perAccount) {
        this.global = Map.copyOf(global);
        Map<String, Map<String, Override>> copy = new LinkedHashMap<>();
        perAccount.forEach((account, rules) -> copy.put(account, Map.copyOf(rules)));
        this.perAccount = Map.copyOf(copy);
    }

    /** No overrides: every rule as its file says. */
    public static RuleSettings none() {
        return new RuleSettings(Map.of(), Map.of());
    }

    /**
     * Reads the configuration.
     *
     * @throws RuleSettingsException naming the key when a severity is not one of the five words or an account
     *     key is not a 12-digit id
     */
    public static RuleSettings from(PostureConfig.Rules config) {
        Map<String, Override> global = new LinkedHashMap<>();
        config.overrides().forEach((rule, o) -> global.put(rule, parse("posture.rules.overrides.\"" + rule + "\"", o)));
        Map<String, Map<String, Override>> accounts = new LinkedHashMap<>();
        config.accounts().forEach((account, rules) -> {
            if (!ACCOUNT_ID.matcher(account).matches()) {
                throw new RuleSettingsException("posture.rules.accounts.\"" + account
                        + "\": expected a 12-digit AWS account id, found '" + account + "'");
            }
            Map<String, Override> parsed = new LinkedHashMap<>();
            rules.forEach((rule, o) -> parsed.put(rule, parse("posture.rules.accounts.\"" + account + "\".\""
                    + rule + "\"", o)));
            accounts.put(account, parsed);
        });
        return new RuleSettings(global, accounts);
    }

    private static Override parse(String key, PostureConfig.Rules.RuleOverride o) {
        Severity severity = null;
        Optional<String> text = o.severity();
        if (text.isPresent()) {
            try {
                severity = Severity.parse(text.get().strip().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RuleSettingsException(key + ".severity: " + e.getMessage(), e);
            }
        }
        return new Override(o.enabled().orElse(null), severity);
    }

    /** Rule ids named in the settings that no loaded rule has: a typo there would silently do nothing. */
    public List<String> unknownRules(Set<String> ruleIds) {
        List<String> unknown = new ArrayList<>();
        new TreeSet<>(global.keySet()).stream().filter(id -> !ruleIds.contains(id))
                .forEach(id -> unknown.add("posture.rules.overrides.\"" + id + "\""));
        perAccount.forEach((account, rules) -> new TreeSet<>(rules.keySet()).stream()
                .filter(id -> !ruleIds.contains(id))
                .forEach(id -> unknown.add("posture.rules.accounts.\"" + account + "\".\"" + id + "\"")));
        return unknown;
    }

    /** The settings as configured: {@code global} by rule id, {@code accounts} by account id then rule id. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("global", new java.util.TreeMap<>(global));
        Map<String, Object> accounts = new java.util.TreeMap<>();
        perAccount.forEach((account, rules) -> accounts.put(account, new java.util.TreeMap<>(rules)));
        out.put("accounts", accounts);
        return out;
    }

    public boolean enabled(String ruleId, String accountId) {
        Override account = accountOverride(ruleId, accountId);
        if (account.enabled() != null) {
            return account.enabled();
        }
        Override all = global.getOrDefault(ruleId, Override.NONE);
        return all.enabled() == null || all.enabled();
    }

    /** The severity findings of this rule get in this account. */
    public Severity severity(RuleDefinition rule, String accountId) {
        Override account = accountOverride(rule.id(), accountId);
        if (account.severity() != null) {
            return account.severity();
        }
        Override all = global.getOrDefault(rule.id(), Override.NONE);
        return all.severity() != null ? all.severity() : rule.severity();
    }

    private Override accountOverride(String ruleId, String accountId) {
        Map<String, Override> rules = accountId == null ? null : perAccount.get(accountId);
        return rules == null ? Override.NONE : rules.getOrDefault(ruleId, Override.NONE);
    }
}
