package io.paddock.operate;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.EnvironmentPath;
import io.paddock.operate.OperateDtos.RegistryLoginView;
import io.paddock.operate.OperateDtos.ShellAccessView;
import io.smallrye.mutiny.Uni;

/**
 * Registry login and shell access (Quant Cloud v3 dialect; also under {@code /api/v3/organisations/...}). Both need
 * a token with the grant, besides its scope.
 */
@Path("/api/v3/organizations/{organisation}/applications")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class AccessResource {

    @Inject AccessService service;

    @GET
    @Path("/ecr-login")
    @APIResponses
    public Uni<RegistryLoginView> getEcrLoginCredentials() {
        return service.registryLogin();
    }

    @GET
    @Path("/{application}/environments/{environment}/ssh-access")
    @APIResponses
    public Uni<ShellAccessView> getSshAccessCredentials(@BeanParam EnvironmentPath path) {
        return service.shellAccess(path.key());
    }
}
