package io.paddock.provisioning.aws;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image of the aws provider needs registered that the AWS SDK does not register itself.
 *
 * <p>The SDK (2.40.2) marshals its model classes through generated field accessors, not reflection, and its
 * jars carry native-image configuration of their own: sdk-core includes every resource under
 * {@code software/amazon/awssdk/} (endpoint rules, partitions, {@code endpoints.json}, the default
 * configuration), netty-nio-client and url-connection-client register their HTTP services, sts registers its
 * web identity provider factory. The class names the SDK loads by name are reviewed in
 * {@code NativeReadinessTest}; of those Paddock can reach, this registers the one nobody else does: STS's
 * factory for profiles that assume a role ({@code role_arn} with {@code source_profile}). The SSO and sign-in
 * factories are not registered because their modules are not on the class path.
 */
@RegisterForReflection(classNames = "software.amazon.awssdk.services.sts.internal.StsProfileCredentialsProviderFactory")
final class AwsNativeImage {

    private AwsNativeImage() {
    }
}
