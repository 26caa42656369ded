package io.postureaudit.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Single sign-on is on exactly when {@code quarkus.oidc.auth-server-url} is set: without this, the OIDC extension's
 * default tenant refuses to start the packaged service when no provider is configured, which is the usual case.
 * An explicit {@code quarkus.oidc.tenant-enabled=false} still turns it off with a provider configured.
 */
public class OidcSwitch implements ConfigSourceInterceptor {

    static final String ENABLED = "quarkus.oidc.tenant-enabled";
    static final String SERVER = "quarkus.oidc.auth-server-url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!ENABLED.equals(name) || value != null && "false".equalsIgnoreCase(value.getValue())) {
            return value;
        }
        ConfigValue server = context.proceed(SERVER);
        boolean configured = server != null && server.getValue() != null && !server.getValue().isBlank();
        ConfigValue.ConfigValueBuilder decided = value != null ? value.from() : ConfigValue.builder().withName(name);
        return decided.withValue(String.valueOf(configured)).build();
    }
}
