package io.paddock.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.paddock.auth.AnyToken;
import io.paddock.auth.OrganisationScoped;

/**
 * Routes that exist only in the test application, to exercise the access rules and the error model on
 * paths no production route takes (a route without an access rule, a route that fails unexpectedly).
 */
@Path("/api/test-probe")
@Produces(MediaType.TEXT_PLAIN)
public class ProbeResource {

    @GET
    @Path("/organizations/{organisation}/environments/{environment}")
    @OrganisationScoped
    public String environment(@PathParam("organisation") String organisation, @PathParam("environment") String environment) {
        return organisation + "/" + environment;
    }

    @GET
    @Path("/organizations/{organisation}")
    @OrganisationScoped
    public String organisation(@PathParam("organisation") String organisation) {
        return organisation;
    }

    @GET
    @Path("/undeclared")
    public String undeclared() {
        return "reached";
    }

    @GET
    @Path("/failure")
    @AnyToken
    public String failure() {
        throw new IllegalStateException("internal detail that must not reach the client: SELECT * FROM api_token");
    }
}
