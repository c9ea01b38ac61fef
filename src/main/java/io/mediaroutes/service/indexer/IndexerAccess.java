package io.mediaroutes.service.indexer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The access rules of the Video Indexer API, in one place. A handler marked {@link Read} or {@link Write} needs an
 * access token ({@code ?accessToken=} or {@code Authorization: Bearer}) for this account; a video token only for
 * its video; {@code Write} needs Contributor (allowEdit=true). Missing, expired or tampered: 401; valid but not
 * allowed: 403. The grant is left in the request for the handler ({@link #GRANT}).
 */
@Component
public class IndexerAccess implements HandlerInterceptor, WebMvcConfigurer {

    /** Any valid token for the account (and video). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Read {}

    /** A Contributor token for the account (and video). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Write {}

    static final String GRANT = IndexerAccess.class.getName() + ".grant";

    private final IndexerAccount account;
    private final AccessTokens tokens;

    public IndexerAccess(IndexerAccount account, AccessTokens tokens) {
        this.account = account;
        this.tokens = tokens;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        boolean write = method.hasMethodAnnotation(Write.class);
        if (!write && !method.hasMethodAnnotation(Read.class)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        AccessTokens.Grant grant = tokens.verify(token(request));
        if (grant == null) {
            throw IndexerError.notAllowed(HttpStatus.UNAUTHORIZED, "The access token is missing, expired or invalid.");
        }
        if (!account.matches(path.get("location"), path.get("accountId")) || !grant.accountId().equals(account.accountId())) {
            throw IndexerError.notAllowed(HttpStatus.UNAUTHORIZED, "The access token is not for account " + path.get("accountId") + ".");
        }
        if (grant.videoId() != null && !grant.videoId().equals(path.get("videoId"))) {
            throw IndexerError.notAllowed(HttpStatus.FORBIDDEN, "The access token is for another video.");
        }
        if (write && !grant.canWrite()) {
            throw IndexerError.notAllowed(HttpStatus.FORBIDDEN, "A Reader token cannot change anything; ask for allowEdit=true.");
        }
        request.setAttribute(GRANT, grant);
        return true;
    }

    static String token(HttpServletRequest request) {
        String token = request.getParameter("accessToken");
        String header = request.getHeader("Authorization");
        return token == null && header != null && header.startsWith("Bearer ") ? header.substring(7) : token;
    }
}
