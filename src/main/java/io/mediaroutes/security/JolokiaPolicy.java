package io.mediaroutes.security;

import java.util.Set;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.springframework.stereotype.Component;

/**
 * What Jolokia (and so Hawtio) may do. By default it reads: attributes, lists, searches, and the read-only
 * operations Hawtio's route and thread views call (Camel's dump, get, browse and explain operations; the JVM's
 * thread dump; Hawtio's own registries). Nothing that writes: no attribute writes, no Camel send or request
 * (which can write files or read any resource), no route updates, no JVM diagnostic commands; and the JVM's command
 * line and system properties, which can hold secrets, are not readable. Everything is allowed only where an admin
 * login is required and {@code mediaroutes.admin.jolokia-write=true}.
 */
@Component
public class JolokiaPolicy implements Restrictor {

    private static final Set<RequestType> READING = Set.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION, RequestType.EXEC);
    private static final Set<String> READ_ONLY_DOMAINS = Set.of("org.apache.camel", "hawtio", "java.lang");
    private static final Pattern READ_ONLY_OPERATION = Pattern.compile(
            "(dump|get|is|browse|explain|find|list|canInvoke|createRouteStaticEndpointJson)([A-Z(].*)?");

    private final boolean writable;

    public JolokiaPolicy(AdminProperties admin) {
        this.writable = admin.loginRequired() && admin.jolokiaWrite();
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return true;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return writable || READING.contains(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return writable || !(name.getDomain().equals("java.lang") && "Runtime".equals(name.getKeyProperty("type"))
                && (attribute == null || attribute.equals("InputArguments") || attribute.equals("SystemProperties")));
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return writable;
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return writable || READ_ONLY_DOMAINS.contains(name.getDomain()) && READ_ONLY_OPERATION.matcher(operation).matches();
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true; // who may call is the login's business (ManagementLogin) and the bound address's
    }

    /** Asked with strict checking for every request with an Origin (BrowserBoundary let only same-origin ones through),
     * and without it to decide on CORS headers, which are never given. */
    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        return onlyWhenStrictCheckingIsEnabled;
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return false;
    }
}
