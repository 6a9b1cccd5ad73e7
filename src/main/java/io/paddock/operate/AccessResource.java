package io.paddock.operate;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    @Inject
    AccessService service;

    @GET
    @Path("/ecr-login")
    @Tag(name = "Applications")
    @Operation(operationId = "getEcrLoginCredentials", summary = "Get ECR login credentials",
            description = "A docker login for the image registry (ECR GetAuthorizationToken): docker login -u <username>"
                    + " -p <password> <endpoint>. Needs a token with the \"registry\" grant.")
    @APIResponse(responseCode = "200", description = "The ECR login credentials",
            content = @Content(schema = @Schema(implementation = RegistryLoginView.class)))
    @APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation, or it lacks the registry grant")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: ECR refused the call")
    public Uni<RegistryLoginView> registryLogin() {
        return service.registryLogin();
    }

    @GET
    @Path("/{application}/environments/{environment}/ssh-access")
    @Tag(name = "SSH Access")
    @Operation(operationId = "getSshAccessCredentials", summary = "Get SSH access credentials for an environment",
            description = "Temporary AWS credentials that allow ecs:ExecuteCommand on one running task of the"
                    + " environment: aws ecs execute-command --cluster <clusterName> --task <taskId> --container <name>"
                    + " --interactive --command /bin/sh. Needs a token with the \"shell\" grant.")
    @APIResponse(responseCode = "200", description = "SSH access credentials",
            content = @Content(schema = @Schema(implementation = ShellAccessView.class)))
    @APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this environment, or it lacks the shell grant")
    @APIResponse(responseCode = "404", description = "The environment not found, or NoRunningTaskError: it has no running task")
    @APIResponse(responseCode = "409", description = "The environment has nothing provisioned to open a shell in (being created, or failed)")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: ECS or STS refused the call")
    public Uni<ShellAccessView> shellAccess(@BeanParam EnvironmentPath path) {
        return service.shellAccess(path.key());
    }
}
